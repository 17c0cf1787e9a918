package org.dozvon.contacts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
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
 * statements ({@code COPY} for new contacts and phones, arrays through {@code unnest} for updates),
 * which is what keeps a million-row import fast.
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
     *
     * <p>New contacts and their phones go in with {@code COPY} (a fifth less database work than
     * {@code insert ... select from unnest}, and no arrays to build): the client ids the list already has
     * are looked up first, and only contacts whose client id is new are copied. Should another transaction
     * add one of those client ids in between, the copy fails on the unique index; it is undone to a
     * savepoint and the same contacts go through {@code insert ... on conflict}, which decides as it
     * always did.
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
            return new WriteOutcome(0, 0, refused, Map.of());
        }
        List<Long> ids = jdbc.sql("select nextval('" + contactSequence() + "') from generate_series(1, :n)")
                .param("n", accepted.size()).query(Long.class).list();
        Set<String> known = clientIds.isEmpty() ? Set.of() : new HashSet<>(jdbc.sql(
                        "select client_id from contact where list_id = :list and client_id = any(cast(:ids as varchar[]))")
                .param("list", listId).param("ids", clientIds.toArray(String[]::new)).query(String.class).list());
        DncFlags flags = dncFlags(accepted.stream().map(contacts::get).toList());
        List<Pending> fresh = new ArrayList<>();
        List<Pending> existing = new ArrayList<>();
        for (int k = 0; k < accepted.size(); k++) {
            int index = accepted.get(k);
            CheckedContact contact = contacts.get(index);
            Pending pending = new Pending(ids.get(k), index, contact, flags.contact(contact));
            if (contact.clientId() != null && known.contains(contact.clientId())) {
                if (updateByClientId) {
                    existing.add(pending);
                } else {
                    refused.add(new Refusal(index, ALREADY_IN_LIST));
                }
            } else {
                fresh.add(pending);
            }
        }
        Timestamp at = Timestamp.from(now);
        List<Written> written = new ArrayList<>();
        if (!fresh.isEmpty()) {
            List<Written> copied = copyContacts(listId, fresh, now);
            written.addAll(copied != null ? copied : insertOnConflict(listId, fresh, updateByClientId, at, refused));
        }
        if (!existing.isEmpty()) {
            written.addAll(insertOnConflict(listId, existing, updateByClientId, at, refused));
        }
        refused.sort(java.util.Comparator.comparingInt(Refusal::index));
        replacePhones(written, contacts, flags);
        int inserted = (int) written.stream().filter(Written::inserted).count();
        Map<Integer, Long> writtenIds = new HashMap<>();
        written.stream().filter(row -> row.index() != null).forEach(row -> writtenIds.put(row.index(), row.id()));
        return new WriteOutcome(inserted, written.size() - inserted, refused, writtenIds);
    }

    private static final String ALREADY_IN_LIST =
            "is a client id already in the list (choose \"update existing by client id\" to update it)";

    /** A contact on its way in, with the id taken for it. */
    private record Pending(long id, int index, CheckedContact contact, boolean dnc) {
    }

    /**
     * Copies contacts whose client ids the list does not have; null (and nothing written) when one of
     * them has been added since, by another transaction.
     */
    private List<Written> copyContacts(long listId, List<Pending> fresh, Instant now) {
        CopyText copy = new CopyText(fresh.size() * 320);
        String at = now.toString();
        for (Pending pending : fresh) {
            copy.value(pending.id()).value(listId).value(pending.contact().clientId())
                    .value(pending.contact().attributesJson()).value(pending.contact().searchJson())
                    .value(pending.dnc()).value(at).value(at).endRow();
        }
        return jdbcTemplate.execute((ConnectionCallback<List<Written>>) connection -> {
            Savepoint savepoint = connection.setSavepoint();
            try {
                copy.into(connection, "copy contact (id, list_id, client_id, attributes, search_values, dnc, created_at, updated_at) from stdin");
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                connection.rollback(savepoint);
                return null;
            }
            connection.releaseSavepoint(savepoint);
            List<Written> rows = new ArrayList<>(fresh.size());
            fresh.forEach(pending -> rows.add(new Written(pending.id(), pending.index(), true)));
            return rows;
        });
    }

    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * {@code insert ... on conflict (list_id, client_id)}: updates the contacts whose client id the list
     * has (or, without {@code updateByClientId}, refuses them) and inserts the others.
     */
    private List<Written> insertOnConflict(long listId, List<Pending> pending, boolean updateByClientId, Timestamp at,
                                           List<Refusal> refused) {
        Map<Long, Integer> indexById = new HashMap<>();
        Map<String, Integer> indexByClientId = new HashMap<>();
        Long[] idArray = new Long[pending.size()];
        String[] clientArray = new String[pending.size()];
        String[] attributeArray = new String[pending.size()];
        String[] searchArray = new String[pending.size()];
        Boolean[] dncArray = new Boolean[pending.size()];
        for (int k = 0; k < pending.size(); k++) {
            Pending contact = pending.get(k);
            idArray[k] = contact.id();
            clientArray[k] = contact.contact().clientId();
            attributeArray[k] = contact.contact().attributesJson();
            searchArray[k] = contact.contact().searchJson();
            dncArray[k] = contact.dnc();
            indexById.put(contact.id(), contact.index());
            if (contact.contact().clientId() != null) {
                indexByClientId.put(contact.contact().clientId(), contact.index());
            }
        }
        String onConflict = updateByClientId
                ? "do update set attributes = excluded.attributes, search_values = excluded.search_values, dnc = excluded.dnc,"
                        + " updated_at = excluded.updated_at,"
                        + " version = contact.version + 1"
                : "do nothing";
        List<Written> written = jdbcTemplate.execute((ConnectionCallback<List<Written>>) connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into contact (id, list_id, client_id, attributes, search_values, dnc, created_at, updated_at)
                    overriding system value
                    select t.id, ?, t.client_id, t.attributes::jsonb, t.search::jsonb, t.dnc, ?, ?
                    from unnest(?::bigint[], ?::varchar[], ?::text[], ?::text[], ?::boolean[])
                        as t(id, client_id, attributes, search, dnc)
                    on conflict (list_id, client_id) where client_id is not null
                    """ + onConflict + " returning id, client_id, xmax = 0 as inserted")) {
                insert.setLong(1, listId);
                insert.setTimestamp(2, at);
                insert.setTimestamp(3, at);
                insert.setArray(4, connection.createArrayOf("bigint", idArray));
                insert.setArray(5, connection.createArrayOf("varchar", clientArray));
                insert.setArray(6, connection.createArrayOf("text", attributeArray));
                insert.setArray(7, connection.createArrayOf("text", searchArray));
                insert.setArray(8, connection.createArrayOf("boolean", dncArray));
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
        for (Pending contact : pending) {
            if (!writtenIndexes.contains(contact.index())) {
                refused.add(new Refusal(contact.index(), ALREADY_IN_LIST));
            }
        }
        return written;
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
        CopyText copy = new CopyText(written.size() * 120);
        for (Written row : written) {
            for (CheckedContact.Phone phone : contacts.get(row.index()).phones()) {
                copy.value(row.id()).value(phone.fieldCode()).value(phone.e164()).value(phone.priority())
                        .value(flags.phones().contains(phone.e164()) ? "DNC" : "ACTIVE").value(phone.timeZone())
                        .value(phone.zoneSource() == null ? null : phone.zoneSource().name()).endRow();
            }
        }
        if (copy.rows() == 0) {
            return;
        }
        jdbcTemplate.execute((ConnectionCallback<Long>) connection -> copy.into(connection,
                "copy contact_phone (contact_id, field_code, number, priority, status, time_zone, time_zone_source) from stdin"));
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

    /** The contact's list, its row locked until the transaction ends (a read-modify-write of its values); empty: none. */
    Optional<Long> lockListOf(long contactId) {
        return jdbc.sql("select list_id from contact where id = :id for update").param("id", contactId)
                .query(Long.class).optional();
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
                        update contact set attributes = :attributes::jsonb, search_values = :search::jsonb, client_id = :clientId,
                               dnc = :dnc, updated_at = :now,
                               version = version + 1
                        where list_id = :list and id = :id""")
                .param("attributes", contact.attributesJson()).param("search", contact.searchJson()).param("clientId", contact.clientId())
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

    /** @param ids the id of each written contact by its index among the contacts given */
    record WriteOutcome(int inserted, int updated, List<Refusal> refused, Map<Integer, Long> ids) {
    }

    record StoredContact(long id, String clientId, Map<String, Object> attributes, boolean dnc) {
    }

    record StoredPhone(String fieldCode, String number, String timeZone, String timeZoneSource, String status,
                       int priority) {
    }
}
