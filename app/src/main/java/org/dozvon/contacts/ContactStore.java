package org.dozvon.contacts;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Contacts and their phones in PostgreSQL. Writes go in chunks of any size with a fixed number of
 * statements (arrays through {@code unnest}), which is what keeps a million-row import fast.
 */
@Repository
class ContactStore {

    private static final TypeReference<LinkedHashMap<String, Object>> ATTRIBUTES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final ObjectMapper json;
    private final DncStore dnc;
    private volatile String contactSequence;

    ContactStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate, ObjectMapper json, DncStore dnc) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
        this.dnc = dnc;
    }

    /**
     * Writes valid contacts to a list. With {@code updateByClientId} a contact whose client id the list
     * already has replaces that contact's attributes and phones; without it, it is refused as a duplicate.
     * A client id twice in one call is refused the second time.
     */
    WriteOutcome write(long listId, List<CheckedContact> contacts, boolean updateByClientId, Instant now) {
        List<Refusal> refused = new ArrayList<>();
        List<Integer> accepted = new ArrayList<>();
        Set<String> clientIds = new HashSet<>();
        for (int i = 0; i < contacts.size(); i++) {
            String clientId = contacts.get(i).clientId();
            if (clientId != null && !clientIds.add(clientId)) {
                refused.add(new Refusal(i, "is a client id that appears twice in the same batch"));
            } else {
                accepted.add(i);
            }
        }
        if (accepted.isEmpty()) {
            return new WriteOutcome(0, 0, refused);
        }
        List<Long> ids = jdbc.sql("select nextval('" + contactSequence() + "') from generate_series(1, :n)")
                .param("n", accepted.size()).query(Long.class).list();
        Timestamp at = Timestamp.from(now);
        Map<Long, Integer> indexById = new HashMap<>();
        Map<String, Integer> indexByClientId = new HashMap<>();
        DncFlags flags = dncFlags(accepted.stream().map(contacts::get).toList());
        Long[] idArray = new Long[accepted.size()];
        String[] clientArray = new String[accepted.size()];
        String[] attributeArray = new String[accepted.size()];
        Boolean[] dncArray = new Boolean[accepted.size()];
        for (int k = 0; k < accepted.size(); k++) {
            CheckedContact contact = contacts.get(accepted.get(k));
            idArray[k] = ids.get(k);
            clientArray[k] = contact.clientId();
            attributeArray[k] = contact.attributesJson();
            dncArray[k] = flags.contact(contact);
            indexById.put(ids.get(k), accepted.get(k));
            if (contact.clientId() != null) {
                indexByClientId.put(contact.clientId(), accepted.get(k));
            }
        }
        String onConflict = updateByClientId
                ? "do update set attributes = excluded.attributes, dnc = excluded.dnc, updated_at = excluded.updated_at,"
                        + " version = contact.version + 1"
                : "do nothing";
        List<Written> written = jdbcTemplate.execute((ConnectionCallback<List<Written>>) connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into contact (id, list_id, client_id, attributes, dnc, created_at, updated_at)
                    overriding system value
                    select t.id, ?, t.client_id, t.attributes::jsonb, t.dnc, ?, ?
                    from unnest(?::bigint[], ?::varchar[], ?::text[], ?::boolean[]) as t(id, client_id, attributes, dnc)
                    on conflict (list_id, client_id) where client_id is not null
                    """ + onConflict + " returning id, client_id, xmax = 0 as inserted")) {
                insert.setLong(1, listId);
                insert.setTimestamp(2, at);
                insert.setTimestamp(3, at);
                insert.setArray(4, connection.createArrayOf("bigint", idArray));
                insert.setArray(5, connection.createArrayOf("varchar", clientArray));
                insert.setArray(6, connection.createArrayOf("text", attributeArray));
                insert.setArray(7, connection.createArrayOf("boolean", dncArray));
                List<Written> rows = new ArrayList<>();
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        String clientId = rs.getString(2);
                        Integer index = indexById.containsKey(id) ? indexById.get(id) : indexByClientId.get(clientId);
                        rows.add(new Written(id, index, rs.getBoolean(3)));
                    }
                }
                return rows;
            }
        });
        Set<Integer> writtenIndexes = new HashSet<>();
        written.forEach(row -> writtenIndexes.add(row.index()));
        for (int index : accepted) {
            if (!writtenIndexes.contains(index)) {
                refused.add(new Refusal(index,
                        "is a client id already in the list (choose \"update existing by client id\" to update it)"));
            }
        }
        replacePhones(written, contacts, flags);
        int inserted = (int) written.stream().filter(Written::inserted).count();
        return new WriteOutcome(inserted, written.size() - inserted, refused);
    }

    /**
     * The identity sequence of {@code contact.id}, looked up once: named in the statement it is resolved
     * when the statement is planned, where {@code pg_get_serial_sequence} per id cost a catalog lookup each.
     */
    private String contactSequence() {
        String name = contactSequence;
        if (name == null) {
            name = jdbc.sql("select pg_get_serial_sequence('contact', 'id')").query(String.class).single();
            if (!name.matches("[a-z0-9_.\"]+")) {
                throw new IllegalStateException("Unexpected name of the contact id sequence: " + name);
            }
            contactSequence = name;
        }
        return name;
    }

    /** Which numbers and addresses of these contacts are in a DNC list: one indexed query each. */
    private DncFlags dncFlags(List<CheckedContact> contacts) {
        Set<String> numbers = new HashSet<>();
        Set<String> emails = new HashSet<>();
        contacts.forEach(contact -> {
            contact.phones().forEach(phone -> numbers.add(phone.e164()));
            emails.addAll(contact.emails());
        });
        return new DncFlags(dnc.listed(DncStore.Kind.PHONE, numbers), dnc.listed(DncStore.Kind.EMAIL, emails));
    }

    private void replacePhones(List<Written> written, List<CheckedContact> contacts, DncFlags flags) {
        List<Long> updatedIds = written.stream().filter(row -> !row.inserted()).map(Written::id).toList();
        if (!updatedIds.isEmpty()) {
            jdbcTemplate.execute((ConnectionCallback<Integer>) connection -> {
                try (PreparedStatement delete = connection.prepareStatement(
                        "delete from contact_phone where contact_id = any(?)")) {
                    delete.setArray(1, connection.createArrayOf("bigint", updatedIds.toArray()));
                    return delete.executeUpdate();
                }
            });
        }
        List<Long> contactIds = new ArrayList<>();
        List<String> fieldCodes = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        List<Integer> priorities = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        List<String> zones = new ArrayList<>();
        List<String> zoneSources = new ArrayList<>();
        for (Written row : written) {
            for (CheckedContact.Phone phone : contacts.get(row.index()).phones()) {
                zones.add(phone.timeZone());
                zoneSources.add(phone.zoneSource() == null ? null : phone.zoneSource().name());
                contactIds.add(row.id());
                fieldCodes.add(phone.fieldCode());
                numbers.add(phone.e164());
                priorities.add(phone.priority());
                statuses.add(flags.phones().contains(phone.e164()) ? "DNC" : "ACTIVE");
            }
        }
        if (contactIds.isEmpty()) {
            return;
        }
        jdbcTemplate.execute((ConnectionCallback<Integer>) connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into contact_phone (contact_id, field_code, number, priority, status, time_zone, time_zone_source)
                    select * from unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::int[], ?::varchar[], ?::varchar[], ?::varchar[])""")) {
                insert.setArray(1, array(connection, "bigint", contactIds));
                insert.setArray(2, array(connection, "varchar", fieldCodes));
                insert.setArray(3, array(connection, "varchar", numbers));
                insert.setArray(4, array(connection, "int", priorities));
                insert.setArray(5, array(connection, "varchar", statuses));
                insert.setArray(6, array(connection, "varchar", zones));
                insert.setArray(7, array(connection, "varchar", zoneSources));
                return insert.executeUpdate();
            }
        });
    }

    /**
     * One page of a list's contacts in id order, after (or, descending, before) the given id: keyset
     * pagination, so page 10,000 of a million contacts costs what page 1 costs.
     */
    List<StoredContact> page(long listId, Long after, boolean descending, int size, ContactQuery query) {
        StringBuilder sql = new StringBuilder("select c.id, c.client_id, c.attributes::text, c.dnc from contact c where c.list_id = :list");
        Map<String, Object> params = new HashMap<>();
        params.put("list", listId);
        if (after != null) {
            sql.append(descending ? " and c.id < :after" : " and c.id > :after");
            params.put("after", after);
        }
        query.appendTo(sql, params);
        sql.append(descending ? " order by c.id desc" : " order by c.id").append(" limit :size");
        params.put("size", size);
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new StoredContact(rs.getLong(1), rs.getString(2), fromJson(rs.getString(3)), rs.getBoolean(4)))
                .list();
    }

    Optional<StoredContact> find(long listId, long contactId) {
        return jdbc.sql("select id, client_id, attributes::text, dnc from contact where list_id = :list and id = :id")
                .param("list", listId).param("id", contactId)
                .query((rs, n) -> new StoredContact(rs.getLong(1), rs.getString(2), fromJson(rs.getString(3)), rs.getBoolean(4)))
                .optional();
    }

    List<StoredPhone> phones(long contactId) {
        return jdbc.sql("select field_code, number, time_zone, time_zone_source, status, priority from contact_phone"
                        + " where contact_id = :id order by priority, id")
                .param("id", contactId)
                .query((rs, n) -> new StoredPhone(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6)))
                .list();
    }

    /** Replaces one contact's values and phones; false when it is not in the list any more. */
    boolean update(long listId, long contactId, CheckedContact contact, Instant now) {
        DncFlags flags = dncFlags(List.of(contact));
        int changed = jdbc.sql("""
                        update contact set attributes = :attributes::jsonb, client_id = :clientId, dnc = :dnc, updated_at = :now,
                               version = version + 1
                        where list_id = :list and id = :id""")
                .param("attributes", contact.attributesJson()).param("clientId", contact.clientId())
                .param("dnc", flags.contact(contact))
                .param("now", Timestamp.from(now)).param("list", listId).param("id", contactId)
                .update();
        if (changed == 0) {
            return false;
        }
        replacePhones(List.of(new Written(contactId, 0, false)), List.of(contact), flags);
        return true;
    }

    int delete(long listId, List<Long> contactIds) {
        return jdbc.sql("delete from contact where list_id = :list and id in (:ids)")
                .param("list", listId).param("ids", contactIds).update();
    }

    long deleteAll(long listId) {
        return jdbc.sql("delete from contact where list_id = :list").param("list", listId).update();
    }

    boolean clientIdTaken(long listId, String clientId, Long exceptContactId) {
        return jdbc.sql("select count(*) > 0 from contact where list_id = :list and client_id = :clientId and id <> :except")
                .param("list", listId).param("clientId", clientId).param("except", exceptContactId == null ? -1 : exceptContactId)
                .query(Boolean.class).single();
    }

    private Map<String, Object> fromJson(String text) {
        try {
            return json.readValue(text, ATTRIBUTES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Array array(Connection connection, String type, List<?> values) throws SQLException {
        return connection.createArrayOf(type, values.toArray());
    }

    private record Written(long id, Integer index, boolean inserted) {
    }

    private record DncFlags(Set<String> phones, Set<String> emails) {
        boolean contact(CheckedContact contact) {
            return contact.phones().stream().anyMatch(phone -> phones.contains(phone.e164()))
                    || contact.emails().stream().anyMatch(emails::contains);
        }
    }

    /** Which input (by index) was refused and why. */
    record Refusal(int index, String reason) {
    }

    record WriteOutcome(int inserted, int updated, List<Refusal> refused) {
    }

    record StoredContact(long id, String clientId, Map<String, Object> attributes, boolean dnc) {
    }

    record StoredPhone(String fieldCode, String number, String timeZone, String timeZoneSource, String status,
                       int priority) {
    }
}
