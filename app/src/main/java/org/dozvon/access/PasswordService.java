package org.dozvon.access;

import org.dozvon.Violation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Changes a local user's own password under the password policy. */
@Service
class PasswordService {

    private static final Logger log = LoggerFactory.getLogger(PasswordService.class);

    private final UserAccountRepository users;
    private final PasswordEncoder passwordEncoder;
    private final AccessProperties properties;
    private final Clock clock;

    PasswordService(UserAccountRepository users, PasswordEncoder passwordEncoder, AccessProperties properties,
                    Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @return the policy violations as message keys with arguments; empty when the password was changed
     */
    @Transactional
    List<Violation> changeOwnPassword(long userId, String currentPassword, String newPassword, String confirmation) {
        UserAccount account = users.findById(userId).orElseThrow();
        List<Violation> violations = new ArrayList<>();
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, account.passwordHash())) {
            violations.add(new Violation("currentPassword", "password.error.current"));
        }
        if (newPassword == null || newPassword.length() < properties.passwordMinLength()) {
            violations.add(new Violation("newPassword", "password.error.tooShort", properties.passwordMinLength()));
        } else if (newPassword.equals(currentPassword)) {
            violations.add(new Violation("newPassword", "password.error.same"));
        }
        if (newPassword != null && !newPassword.equals(confirmation)) {
            violations.add(new Violation("confirmation", "password.error.mismatch"));
        }
        if (violations.isEmpty()) {
            account.changePassword(passwordEncoder.encode(newPassword), clock.instant());
            users.save(account);
            log.info("User '{}' changed their password", account.username());
        }
        return violations;
    }
}
