package org.dozvon.access;

import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Domain accounts in Dozvon: the roles a directory account's groups give, and its shadow row in {@code access_user}
 * (type LDAP, no password; name, e-mail and position from the directory) so that audit, operators and sessions treat
 * it as any user. A row's own roles (given on Settings → Users) add to the mapped ones.
 */
@Component
class DomainAccounts {

    private static final Logger log = LoggerFactory.getLogger(DomainAccounts.class);

    private final LdapSettingsStore store;
    private final LdapDirectory directory;
    private final JdbcClient jdbc;
    private final Clock clock;

    DomainAccounts(LdapSettingsStore store, LdapDirectory directory, JdbcClient jdbc, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * A domain login: binds as the user, reads the groups, maps them to roles and brings the shadow row up to date.
     *
     * @throws DomainLoginRefused      LDAP is off, the directory cannot be reached, the name belongs to a local
     *                                 account, or no group of the user is mapped to a role
     * @throws BadCredentialsException no such account or a wrong password
     */
    @Transactional
    DozvonUser login(String login, String password) {
        LdapSettings settings = store.settings();
        if (!settings.enabled() || settings.urlList().isEmpty()) {
            throw new DomainLoginRefused("login.domain.off");
        }
        if (password == null || password.isEmpty()) {
            // an empty password would be an anonymous bind, which many directories accept
            throw new BadCredentialsException("Empty password");
        }
        Optional<Shadow> existing = shadow(login);
        if (existing.isPresent() && !existing.get().ldap()) {
            throw new DomainLoginRefused("login.domain.localAccount");
        }
        LdapDirectory.DirectoryAccount account;
        try {
            account = directory.authenticate(settings, login, password);
        } catch (BadCredentialsException wrong) {
            throw wrong;
        } catch (org.springframework.ldap.NamingException | IllegalArgumentException unreachable) {
            log.warn("Domain login of '{}' failed: the directory did not answer as expected ({})", login,
                    unreachable.getClass().getSimpleName() + ": " + unreachable.getMessage());
            throw new DomainLoginRefused("login.domain.unreachable", unreachable);
        }
        Set<String> roles = new TreeSet<>(mappedRoles(account.groups()));
        existing.ifPresent(row -> roles.addAll(explicitRoles(row.id())));
        if (roles.isEmpty()) {
            throw new DomainLoginRefused("login.domain.noRole");
        }
        if (existing.isPresent() && !existing.get().enabled()) {
            throw new DomainLoginRefused("login.domain.disabled");
        }
        long id = existing.map(Shadow::id).orElseGet(() -> insert(account));
        jdbc.sql("""
                        update access_user set display_name = :name, email = :email, position = :position,
                               updated_at = :now
                         where id = :id
                        """)
                .param("name", account.displayName()).param("email", account.email())
                .param("position", account.position()).param("now", java.sql.Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
        return new DozvonUser(id, existing.map(Shadow::username).orElse(account.login()), null,
                account.displayName(), true, false, roles, permissions(roles));
    }

    /** The roles the groups give (a group matches a mapping row by DN or CN, without regard to case). */
    Set<String> mappedRoles(Set<String> groups) {
        Set<String> lower = new TreeSet<>();
        groups.forEach(group -> lower.add(group.toLowerCase(Locale.ROOT)));
        Set<String> roles = new TreeSet<>();
        for (LdapSettingsStore.GroupRole mapping : store.cachedMappings()) {
            if (lower.contains(mapping.group().toLowerCase(Locale.ROOT))) {
                roles.add(mapping.roleCode());
            }
        }
        return roles;
    }

    /**
     * Creates the row of a directory account chosen on "add user from domain", with {@code roles} of its own.
     *
     * @return its id, or empty when the name is taken
     */
    @Transactional
    Optional<Long> add(LdapDirectory.DirectoryAccount account, Set<String> roles) {
        if (shadow(account.login()).isPresent()) {
            return Optional.empty();
        }
        long id = insert(account);
        for (String role : roles) {
            jdbc.sql("insert into access_user_role (user_id, role_code) values (:id, :role)")
                    .param("id", id).param("role", role).update();
        }
        return Optional.of(id);
    }

    /** Whether {@code username} is a local account, a domain account or free. */
    Optional<Boolean> isDomainAccount(String username) {
        return shadow(username).map(Shadow::ldap);
    }

    /** What the users list shows of the domain rows: id → e-mail and position. */
    Map<Long, String> positions() {
        Map<Long, String> positions = new LinkedHashMap<>();
        jdbc.sql("select id, position from access_user where account_type = 'LDAP'")
                .query(rs -> {
                    positions.put(rs.getLong("id"), rs.getString("position"));
                });
        return positions;
    }

    private long insert(LdapDirectory.DirectoryAccount account) {
        return jdbc.sql("""
                        insert into access_user (username, password_hash, display_name, enabled, must_change_password,
                                                 created_at, updated_at, account_type, email, position)
                        values (:username, null, :name, true, false, :now, :now, 'LDAP', :email, :position)
                        returning id
                        """)
                .param("username", account.login()).param("name", account.displayName())
                .param("email", account.email()).param("position", account.position())
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
    }

    private Optional<Shadow> shadow(String username) {
        return jdbc.sql("select id, username, enabled, account_type from access_user where lower(username) = lower(:name)")
                .param("name", username)
                .query((rs, n) -> new Shadow(rs.getLong("id"), rs.getString("username"), rs.getBoolean("enabled"),
                        "LDAP".equals(rs.getString("account_type"))))
                .optional();
    }

    private List<String> explicitRoles(long userId) {
        return jdbc.sql("select role_code from access_user_role where user_id = :id").param("id", userId)
                .query(String.class).list();
    }

    private Set<Permission> permissions(Set<String> roles) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        jdbc.sql("select distinct permission from access_role_permission where role_code in (:roles)")
                .param("roles", roles)
                .query(String.class).list()
                .forEach(name -> {
                    try {
                        permissions.add(Permission.valueOf(name));
                    } catch (IllegalArgumentException unknown) {
                        log.warn("Role data grants the unknown permission '{}'; ignored", name);
                    }
                });
        return permissions;
    }

    private record Shadow(long id, String username, boolean enabled, boolean ldap) {
    }
}
