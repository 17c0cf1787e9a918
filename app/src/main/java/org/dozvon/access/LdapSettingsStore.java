package org.dozvon.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The LDAP settings and the group → role mapping in the database, so that an administrator changes them without a
 * restart. Every domain login reads them; they are kept for a few seconds so that a burst of logins does not read
 * the table each time, and a save here is seen at once.
 */
@Component
class LdapSettingsStore {

    private static final Duration KEEP = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final SecretSealer sealer;
    private final Clock clock;
    private volatile Cached cached;

    LdapSettingsStore(JdbcClient jdbc, SecretSealer sealer, Clock clock) {
        this.jdbc = jdbc;
        this.sealer = sealer;
        this.clock = clock;
    }

    LdapSettings settings() {
        Cached current = cached;
        Instant now = clock.instant();
        if (current == null || now.isAfter(current.until())) {
            current = new Cached(load(), mappings(), now.plus(KEEP));
            cached = current;
        }
        return current.settings();
    }

    List<GroupRole> cachedMappings() {
        settings();
        return cached.mappings();
    }

    private LdapSettings load() {
        return jdbc.sql("select * from access_ldap_settings where id = 1")
                .query((rs, n) -> new LdapSettings(rs.getBoolean("enabled"), rs.getString("urls"),
                        rs.getString("base_dn"), rs.getString("bind_dn"), open(rs.getString("bind_password_sealed")),
                        rs.getString("user_search_base"), rs.getString("user_search_filter"),
                        rs.getString("group_search_base"), rs.getString("group_search_filter"),
                        rs.getString("name_attribute"), rs.getString("email_attribute"),
                        rs.getString("position_attribute")))
                .single();
    }

    private String open(String sealed) {
        if (sealed == null) {
            return "";
        }
        try {
            return sealer.open(sealed);
        } catch (RuntimeException unreadable) {
            // sealed under another key: as if none were stored, the administrator types it again
            return "";
        }
    }

    /** Saves the settings; an empty bind password keeps the stored one. */
    @Transactional
    void save(LdapSettings settings) {
        jdbc.sql("""
                        update access_ldap_settings set enabled = :enabled, urls = :urls, base_dn = :baseDn,
                               bind_dn = :bindDn, user_search_base = :userSearchBase,
                               user_search_filter = :userSearchFilter, group_search_base = :groupSearchBase,
                               group_search_filter = :groupSearchFilter, name_attribute = :nameAttribute,
                               email_attribute = :emailAttribute, position_attribute = :positionAttribute,
                               updated_at = :now
                         where id = 1
                        """)
                .param("enabled", settings.enabled()).param("urls", settings.urls()).param("baseDn", settings.baseDn())
                .param("bindDn", settings.bindDn()).param("userSearchBase", settings.userSearchBase())
                .param("userSearchFilter", settings.userSearchFilter())
                .param("groupSearchBase", settings.groupSearchBase())
                .param("groupSearchFilter", settings.groupSearchFilter())
                .param("nameAttribute", settings.nameAttribute()).param("emailAttribute", settings.emailAttribute())
                .param("positionAttribute", settings.positionAttribute())
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .update();
        if (settings.bindPassword() != null && !settings.bindPassword().isEmpty()) {
            jdbc.sql("update access_ldap_settings set bind_password_sealed = :sealed where id = 1")
                    .param("sealed", sealer.seal(settings.bindPassword()))
                    .update();
        }
        cached = null;
    }

    List<GroupRole> mappings() {
        return jdbc.sql("select id, group_name, role_code from access_ldap_group_role order by lower(group_name), role_code")
                .query((rs, n) -> new GroupRole(rs.getLong("id"), rs.getString("group_name"), rs.getString("role_code")))
                .list();
    }

    /** Adds a mapping row; false when it exists already. */
    @Transactional
    boolean addMapping(String group, String roleCode) {
        int added = jdbc.sql("""
                        insert into access_ldap_group_role (group_name, role_code) values (:group, :role)
                        on conflict do nothing
                        """)
                .param("group", group.strip()).param("role", roleCode)
                .update();
        cached = null;
        return added > 0;
    }

    @Transactional
    java.util.Optional<GroupRole> removeMapping(long id) {
        java.util.Optional<GroupRole> row = mappings().stream().filter(mapping -> mapping.id() == id).findFirst();
        jdbc.sql("delete from access_ldap_group_role where id = :id").param("id", id).update();
        cached = null;
        return row;
    }

    /** A directory group (DN or CN, compared without regard to case) that gives a role. */
    record GroupRole(long id, String group, String roleCode) {
    }

    private record Cached(LdapSettings settings, List<GroupRole> mappings, Instant until) {
    }
}
