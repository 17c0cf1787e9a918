package org.dozvon.access;

import java.time.Instant;
import java.util.Set;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Creates local users for tests, as an administrator will once user management exists. Lives in the
 * test tree of the access module because the account aggregate is the module's own.
 */
public final class TestUsers {

    private final UserAccountRepository users;
    private final PasswordEncoder passwordEncoder;

    public TestUsers(org.springframework.context.ApplicationContext context) {
        this.users = context.getBean(UserAccountRepository.class);
        this.passwordEncoder = context.getBean(PasswordEncoder.class);
    }

    /** Creates the user unless it exists; roles are preset role codes such as "SUPERVISOR". */
    public void ensure(String username, String password, boolean mustChangePassword, String... roles) {
        if (users.findByUsername(username).isPresent()) {
            return;
        }
        users.save(UserAccount.create(username, "Test " + username, passwordEncoder.encode(password),
                mustChangePassword, Set.of(roles), Instant.now()));
    }
}
