package org.dozvon.contacts;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dozvon.access.DozvonUser;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Field access per role (manual 3.1.1.5): a contact field is {@link FieldVisibility#VISIBLE} to a role unless the
 * field's settings say MASKED or HIDDEN for it ({@code contact_field_access}). A user with several roles gets the most
 * open access among them; a user without roles sees every field some role is restricted from as HIDDEN. No role is an
 * exception, ADMIN included: it sees in clear because nobody restricted it, like any other role.
 *
 * <p>Whatever shows contact values to a person goes through {@link #shownTo}: the contacts pages, API answers and
 * exports, and the operator's card.
 */
@Service
public class FieldAccess {

    private final JdbcClient jdbc;

    FieldAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a user with these roles (codes, "OPERATOR") is shown; one small read of the restrictions. */
    @Transactional(readOnly = true)
    public ShownFields shownTo(Collection<String> roles) {
        Map<String, Map<String, FieldVisibility>> byField = new HashMap<>();
        Map<String, FieldType> types = new HashMap<>();
        jdbc.sql("select f.code, f.type, a.role_code, a.access from contact_field_access a"
                        + " join contact_field f on f.id = a.field_id")
                .query(rs -> {
                    String code = rs.getString(1);
                    types.put(code, FieldType.valueOf(rs.getString(2)));
                    byField.computeIfAbsent(code, c -> new HashMap<>())
                            .put(rs.getString(3), FieldVisibility.valueOf(rs.getString(4)));
                });
        Map<String, FieldVisibility> restricted = new HashMap<>();
        byField.forEach((code, perRole) -> {
            FieldVisibility visibility = roles.isEmpty() ? FieldVisibility.HIDDEN : null;
            for (String role : roles) {
                FieldVisibility ofRole = perRole.getOrDefault(role, FieldVisibility.VISIBLE);
                visibility = visibility == null ? ofRole : visibility.or(ofRole);
            }
            if (visibility != FieldVisibility.VISIBLE) {
                restricted.put(code, visibility);
            }
        });
        return new ShownFields(restricted, types);
    }

    /** What the user is shown, by the user's roles. */
    public ShownFields shownTo(DozvonUser user) {
        return shownTo(user.roles());
    }

    /**
     * A contact's values as a user with these roles may see them: hidden fields left out, masked ones masked. For one
     * contact; several contacts shown together should share one {@link #shownTo}.
     */
    public Map<String, Object> visibleValues(Map<String, ?> values, Collection<String> roles) {
        return shownTo(roles).values(values);
    }

    /**
     * Numbers of these contacts as this user may see them, for lists of calls that show a number without its field
     * (a workplace's earlier attempts): each number that is not shown in clear, with what is shown instead ({@code ***}
     * for a hidden field); numbers shown as they are are left out. When a number belongs to several phone fields of
     * the contacts, the most closed one counts; a number no contact has any more is masked whenever some phone field
     * is not in clear.
     */
    @Transactional(readOnly = true)
    public Map<String, String> shownNumbers(ShownFields shown, Collection<Long> contactIds, Collection<String> numbers) {
        if (!shown.restrictsPhones() || numbers.isEmpty()) {
            return Map.of();
        }
        Map<String, FieldVisibility> closest = new HashMap<>();
        if (!contactIds.isEmpty()) {
            jdbc.sql("select number, field_code from contact_phone where contact_id in (:ids)")
                    .param("ids", Set.copyOf(contactIds))
                    .query(rs -> {
                        FieldVisibility visibility = shown.of(rs.getString(2));
                        closest.merge(rs.getString(1), visibility, (a, b) -> a.ordinal() >= b.ordinal() ? a : b);
                    });
        }
        Map<String, String> changed = new LinkedHashMap<>();
        for (String number : numbers) {
            if (number == null) {
                continue;
            }
            FieldVisibility visibility = closest.getOrDefault(number, FieldVisibility.MASKED);
            switch (visibility) {
                case VISIBLE -> { }
                case MASKED -> changed.put(number, ValueMasks.phone(number));
                case HIDDEN -> changed.put(number, ValueMasks.STARS);
            }
        }
        return changed;
    }

    /** Every field's restrictions, by field id, then by role code. */
    Map<Long, Map<String, FieldVisibility>> byField() {
        Map<Long, Map<String, FieldVisibility>> all = new HashMap<>();
        jdbc.sql("select field_id, role_code, access from contact_field_access order by role_code")
                .query(rs -> {
                    all.computeIfAbsent(rs.getLong(1), id -> new LinkedHashMap<>())
                            .put(rs.getString(2), FieldVisibility.valueOf(rs.getString(3)));
                });
        return all;
    }

    /** The field's restrictions by role code; roles without one see it in clear. */
    Map<String, FieldVisibility> ofField(long fieldId) {
        Map<String, FieldVisibility> access = new LinkedHashMap<>();
        jdbc.sql("select role_code, access from contact_field_access where field_id = :id order by role_code")
                .param("id", fieldId)
                .query(rs -> {
                    access.put(rs.getString(1), FieldVisibility.valueOf(rs.getString(2)));
                });
        return access;
    }

    /** Replaces the field's restrictions: VISIBLE (or absent) roles get no row. Within the caller's transaction. */
    void replace(long fieldId, Map<String, FieldVisibility> access) {
        jdbc.sql("delete from contact_field_access where field_id = :id").param("id", fieldId).update();
        List<Map.Entry<String, FieldVisibility>> rows = access.entrySet().stream()
                .filter(entry -> entry.getValue() != FieldVisibility.VISIBLE).toList();
        for (Map.Entry<String, FieldVisibility> row : rows) {
            jdbc.sql("insert into contact_field_access (field_id, role_code, access) values (:id, :role, :access)")
                    .param("id", fieldId).param("role", row.getKey()).param("access", row.getValue().name()).update();
        }
    }
}
