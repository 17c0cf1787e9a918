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
    private final PasswordPolicy policy;
    private final Clock clock;

    PasswordService(UserAccountRepository users, PasswordEncoder passwordEncoder, PasswordPolicy policy,
                    Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.policy = policy;
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
        if (newPassword == null || newPassword.isEmpty()) {
            violations.add(new Violation("newPassword", "password.error.tooShort", policy.minLength()));
        } else {
            violations.addAll(policy.check("newPassword", userId, account.passwordHash(), newPassword));
        }
        if (newPassword != null && !newPassword.equals(confirmation)) {
            violations.add(new Violation("confirmation", "password.error.mismatch"));
        }
        if (violations.isEmpty()) {
            String hash = passwordEncoder.encode(newPassword);
            account.changePassword(hash, clock.instant());
            users.save(account);
            policy.remember(userId, hash);
            log.info("User '{}' changed their password", account.username());
        }
        return violations;
    }
}
