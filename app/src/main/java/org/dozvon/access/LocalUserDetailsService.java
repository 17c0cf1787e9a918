package org.dozvon.access;

import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Local accounts from the database, with the permissions of all their roles. */
@Service
class LocalUserDetailsService implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(LocalUserDetailsService.class);

    private final UserAccountRepository users;
    private final PasswordPolicy policy;

    LocalUserDetailsService(UserAccountRepository users, PasswordPolicy policy) {
        this.users = users;
        this.policy = policy;
    }

    @Override
    public DozvonUser loadUserByUsername(String username) {
        UserAccount account = users.findByUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("No local user '" + username + "'"));
        if (account.domain() || account.passwordHash() == null) {
            // a domain account's shadow row (ldap branch): it logs in as "Domain account" only
            throw new UsernameNotFoundException("'" + username + "' is a domain account");
        }
        return toUser(account);
    }

    DozvonUser toUser(UserAccount account) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String name : users.findPermissionNames(account.id())) {
            try {
                permissions.add(Permission.valueOf(name));
            } catch (IllegalArgumentException unknown) {
                log.warn("Role data grants the unknown permission '{}'; ignored", name);
            }
        }
        return new DozvonUser(account.id(), account.username(), account.passwordHash(), account.displayName(),
                account.enabled(),
                account.mustChangePassword() || policy.expired(account.passwordChangedAt()), account.roleCodes(), permissions);
    }
}
