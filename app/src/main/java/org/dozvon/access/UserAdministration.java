package org.dozvon.access;

import org.dozvon.Violation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an administrator does with local accounts. New and reset passwords are made up by Dozvon,
 * shown once to the administrator, and must be changed at the next login; nobody ever types a
 * password for someone else. At least one enabled administrator always remains.
 */
@Service
class UserAdministration {

    static final int PAGE_SIZE = 25;
    /** The same characters Camunda accepts in user ids, so that every user can be mirrored there. */
    static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@-]{1,100}");

    private static final Logger log = LoggerFactory.getLogger(UserAdministration.class);

    private final UserAccountRepository users;
    private final JdbcClient jdbc;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;

    UserAdministration(UserAccountRepository users, JdbcClient jdbc, PasswordEncoder passwordEncoder, Clock clock) {
        this.users = users;
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    UserPage find(String query, int page) {
        String pattern = "%" + query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String where = "where u.username ilike :pattern or u.display_name ilike :pattern";
        long total = jdbc.sql("select count(*) from access_user u " + where)
                .param("pattern", pattern).query(Long.class).single();
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(Math.max(page, 1), pages);
        List<UserRow> rows = jdbc.sql("""
                        select u.id, u.username, u.display_name, u.enabled, u.must_change_password,
                               coalesce(string_agg(ur.role_code, ',' order by ur.role_code), '') as roles
                        from access_user u left join access_user_role ur on ur.user_id = u.id
                        """ + where + """
                         group by u.id
                        order by lower(u.username)
                        limit :limit offset :offset""")
                .param("pattern", pattern)
                .param("limit", PAGE_SIZE)
                .param("offset", (current - 1) * PAGE_SIZE)
                .query((rs, n) -> new UserRow(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        rs.getBoolean("enabled"), rs.getBoolean("must_change_password"),
                        rs.getString("roles").isEmpty() ? List.of() : Arrays.asList(rs.getString("roles").split(","))))
                .list();
        return new UserPage(rows, current, pages, total);
    }

    List<String> roleCodes() {
        return jdbc.sql("select code from access_role order by preset desc, code").query(String.class).list();
    }

    Optional<UserAccount> get(long id) {
        return users.findById(id);
    }

    @Transactional
    Outcome create(String username, String displayName, Set<String> roles) {
        List<Violation> violations = new ArrayList<>();
        String name = username == null ? "" : username.strip();
        if (!USERNAME.matcher(name).matches()) {
            violations.add(new Violation("username", "users.error.username"));
        } else if (users.findByUsername(name).isPresent()) {
            violations.add(new Violation("username", "users.error.taken", name));
        }
        checkDescription(displayName, roles, violations);
        if (!violations.isEmpty()) {
            return Outcome.rejected(violations);
        }
        String temporary = TemporaryPasswords.generate();
        UserAccount account = users.save(UserAccount.create(name, displayName.strip(), passwordEncoder.encode(temporary),
                true, roles, clock.instant()));
        log.info("User '{}' created with roles {}", name, roles);
        return Outcome.done(account.id(), temporary);
    }

    @Transactional
    Outcome update(long id, String displayName, Set<String> roles) {
        UserAccount account = users.findById(id).orElseThrow();
        List<Violation> violations = new ArrayList<>();
        checkDescription(displayName, roles, violations);
        if (account.roleCodes().contains(FirstAdministrator.ROLE) && !roles.contains(FirstAdministrator.ROLE)
                && account.enabled() && enabledAdministrators() <= 1) {
            violations.add(new Violation("roles", "users.error.lastAdmin"));
        }
        if (!violations.isEmpty()) {
            return Outcome.rejected(violations);
        }
        account.describe(displayName.strip(), roles, clock.instant());
        users.save(account);
        log.info("User '{}' now has roles {}", account.username(), roles);
        return Outcome.done(id, null);
    }

    @Transactional
    Outcome resetPassword(long id) {
        UserAccount account = users.findById(id).orElseThrow();
        String temporary = TemporaryPasswords.generate();
        account.resetPassword(passwordEncoder.encode(temporary), clock.instant());
        users.save(account);
        log.info("Password of user '{}' reset", account.username());
        return Outcome.done(id, temporary);
    }

    @Transactional
    Outcome enable(long id, boolean enabled, long actingUserId) {
        UserAccount account = users.findById(id).orElseThrow();
        if (!enabled && id == actingUserId) {
            return Outcome.rejected(List.of(new Violation("enabled", "users.error.self")));
        }
        if (!enabled && account.enabled() && account.roleCodes().contains(FirstAdministrator.ROLE)
                && enabledAdministrators() <= 1) {
            return Outcome.rejected(List.of(new Violation("enabled", "users.error.lastAdmin")));
        }
        account.enable(enabled, clock.instant());
        users.save(account);
        log.info("User '{}' {}", account.username(), enabled ? "enabled" : "disabled");
        return Outcome.done(id, null);
    }

    private void checkDescription(String displayName, Set<String> roles, List<Violation> violations) {
        if (displayName == null || displayName.isBlank()) {
            violations.add(new Violation("displayName", "users.error.displayName"));
        } else if (displayName.strip().length() > 200) {
            violations.add(new Violation("displayName", "users.error.displayNameLength", 200));
        }
        if (roles.isEmpty()) {
            violations.add(new Violation("roles", "users.error.noRole"));
        } else if (!new LinkedHashSet<>(roleCodes()).containsAll(roles)) {
            violations.add(new Violation("roles", "users.error.unknownRole"));
        }
    }

    private long enabledAdministrators() {
        return jdbc.sql("""
                        select count(*) from access_user u join access_user_role ur on ur.user_id = u.id
                        where u.enabled and ur.role_code = :role""")
                .param("role", FirstAdministrator.ROLE).query(Long.class).single();
    }

    record UserRow(long id, String username, String displayName, boolean enabled, boolean mustChangePassword,
                   List<String> roles) {
    }

    record UserPage(List<UserRow> rows, int page, int pages, long total) {
    }

    /** Either the violations, or the user's id and the temporary password to show once (if one was made). */
    record Outcome(List<Violation> violations, Long userId, String temporaryPassword) {
        static Outcome rejected(List<Violation> violations) {
            return new Outcome(violations, null, null);
        }

        static Outcome done(Long userId, String temporaryPassword) {
            return new Outcome(List.of(), userId, temporaryPassword);
        }

        boolean ok() {
            return violations.isEmpty();
        }
    }
}
