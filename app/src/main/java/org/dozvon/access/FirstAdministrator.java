package org.dozvon.access;

import java.time.Clock;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * On the first start with an empty database, creates the {@code admin} account: with the deployer's
 * {@code DOZVON_ADMIN_PASSWORD}, or with a random password printed once and changed at the first
 * login. Runs before the web server opens, so nobody meets a Dozvon without an administrator.
 */
@Component
class FirstAdministrator implements SmartInitializingSingleton {

    static final String USERNAME = "admin";
    static final String ROLE = "ADMIN";

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

    private final UserAccountRepository users;
    private final PasswordEncoder passwordEncoder;
    private final AccessProperties properties;
    private final Clock clock;

    FirstAdministrator(UserAccountRepository users, PasswordEncoder passwordEncoder, AccessProperties properties,
                       Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (users.count() > 0) {
            return;
        }
        boolean chosenByDeployer = properties.adminPassword() != null;
        String password = chosenByDeployer ? properties.adminPassword() : TemporaryPasswords.generate();
        UserAccount admin = UserAccount.create(USERNAME, "Administrator", passwordEncoder.encode(password),
                !chosenByDeployer, Set.of(ROLE), clock.instant());
        try {
            users.save(admin);
        } catch (DuplicateKeyException anotherInstanceWasFaster) {
            return;
        }
        if (chosenByDeployer) {
            log.info("First start: created the administrator account '{}' with the password from DOZVON_ADMIN_PASSWORD",
                    USERNAME);
        } else {
            log.warn("""

                    ==========================================================================
                      First start: created the administrator account.
                        user:     {}
                        password: {}
                      This password is shown only this once and must be changed at the first login.
                    ==========================================================================""",
                    USERNAME, password);
        }
    }
}
