package org.dozvon.contacts;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One contact as other modules see it: its values, its phones in priority order, its e-mail
 * addresses, and whether a DNC list holds a number. The strategy reads a contact through this before
 * every attempt, so edits and DNC entries made since the last attempt count.
 */
@Service
public class ContactCards {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ContactCards(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The contact, or empty when it has been deleted. */
    @Transactional(readOnly = true)
    public Optional<Card> card(long contactId) {
        // one statement: the strategy reads a card at every step
        return jdbc.sql("""
                        select c.id, c.list_id, c.attributes::text, c.dnc or c.blocked_at is not null, c.created_at,
                               array(select array[p.field_code, p.number, p.time_zone, p.status, p.priority::text]
                                     from contact_phone p where p.contact_id = c.id order by p.priority, p.id) as phones,
                               array(select f.code from contact_field f where f.type = 'EMAIL' order by f.id) as email_fields
                        from contact c where c.id = :id""")
                .param("id", contactId)
                .query((rs, n) -> {
                    Map<String, Object> values = values(rs.getString(3));
                    return new Card(rs.getLong(1), rs.getLong(2), values, rs.getBoolean(4), rs.getTimestamp(5).toInstant(),
                            phones((Object[]) rs.getArray(6).getArray()), emails(values, (String[]) rs.getArray(7).getArray()));
                })
                .optional();
    }

    /** Whether one of the DNC lists holds the number (E.164) or address. */
    public boolean listed(Collection<Long> dncListIds, String numberOrAddress) {
        if (dncListIds.isEmpty() || numberOrAddress == null) {
            return false;
        }
        String value = numberOrAddress.startsWith("+") ? numberOrAddress : numberOrAddress.toLowerCase(Locale.ROOT);
        return jdbc.sql("select exists (select 1 from dnc_entry where list_id in (:lists) and value = :value)")
                .param("lists", dncListIds).param("value", value).query(Boolean.class).single();
    }

    /**
     * Moves a contact to another list, by the list's name (a strategy's "move to list" action).
     *
     * @return false when there is no list of that name or no such contact
     */
    @Transactional
    public boolean moveToList(long contactId, String listName) {
        Optional<Long> listId = jdbc.sql("select id from contact_list where lower(name) = lower(:name)")
                .param("name", listName).query(Long.class).optional();
        return listId.isPresent() && jdbc.sql("update contact set list_id = :list, updated_at = now(), version = version + 1"
                        + " where id = :id and list_id <> :list")
                .param("list", listId.get()).param("id", contactId).update() == 1;
    }

    /**
     * A contact that exists only inside the caller's transaction, in a list of its own, for a strategy's dry
     * run: phones in E.164 in priority order (field codes {@code phone1}, {@code phone2}, ...), all in the
     * given zone. The caller rolls the transaction back.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public long scratchContact(List<String> e164Phones, String timeZone, Instant createdAt) {
        java.sql.Timestamp at = java.sql.Timestamp.from(createdAt);
        long listId = jdbc.sql("insert into contact_list (name, created_at, updated_at) values (:name, :at, :at) returning id")
                .param("name", "Dry run " + java.util.UUID.randomUUID()).param("at", at).query(Long.class).single();
        long contactId = jdbc.sql("insert into contact (list_id, attributes, created_at, updated_at) values (:list, '{}'::jsonb, :at, :at)"
                        + " returning id")
                .param("list", listId).param("at", at).query(Long.class).single();
        for (int i = 0; i < e164Phones.size(); i++) {
            jdbc.sql("insert into contact_phone (contact_id, field_code, number, time_zone, time_zone_source, priority)"
                            + " values (:contact, :code, :number, :zone, 'CONTACT_FIELD', :priority)")
                    .param("contact", contactId).param("code", "phone" + (i + 1)).param("number", e164Phones.get(i))
                    .param("zone", timeZone).param("priority", i + 1).update();
        }
        return contactId;
    }

    /**
     * The contact a manual call to a number is recorded for (the workplace's manual dial): the newest contact with
     * that phone, else a new contact with it in the list "Manual calls" (made the first time).
     */
    @Transactional
    public long manualContact(String e164, Instant createdAt) {
        Optional<Long> known = jdbc.sql("select contact_id from contact_phone where number = :number"
                        + " order by contact_id desc limit 1")
                .param("number", e164).query(Long.class).optional();
        if (known.isPresent()) {
            return known.get();
        }
        java.sql.Timestamp at = java.sql.Timestamp.from(createdAt);
        long listId = jdbc.sql("select id from contact_list where lower(name) = lower(:name)")
                .param("name", MANUAL_CALLS).query(Long.class).optional()
                .orElseGet(() -> jdbc.sql("insert into contact_list (name, created_at, updated_at) values (:name, :at, :at)"
                                + " returning id")
                        .param("name", MANUAL_CALLS).param("at", at).query(Long.class).single());
        long contactId = jdbc.sql("insert into contact (list_id, attributes, created_at, updated_at)"
                        + " values (:list, '{}'::jsonb, :at, :at) returning id")
                .param("list", listId).param("at", at).query(Long.class).single();
        jdbc.sql("insert into contact_phone (contact_id, field_code, number, time_zone_source, priority)"
                        + " values (:contact, 'phone', :number, 'CONTACT_FIELD', 1)")
                .param("contact", contactId).param("number", e164).update();
        return contactId;
    }

    /** The list that holds the numbers operators dialled by hand without a contact. */
    public static final String MANUAL_CALLS = "Manual calls";

    private static List<Phone> phones(Object[] rows) {
        List<Phone> phones = new java.util.ArrayList<>(rows.length);
        for (Object row : rows) {
            String[] phone = (String[]) row;
            phones.add(new Phone(phone[0], phone[1], phone[2], "ACTIVE".equals(phone[3]), Integer.parseInt(phone[4])));
        }
        return phones;
    }

    private static List<String> emails(Map<String, Object> values, String[] emailFields) {
        return java.util.Arrays.stream(emailFields).map(values::get)
                .filter(value -> value instanceof String text && !text.isBlank()).map(Object::toString).toList();
    }

    private Map<String, Object> values(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("contact attributes are not a JSON object: " + text, e);
        }
    }

    /**
     * @param values    the contact's values by field code (text, numbers, dates as ISO text)
     * @param dnc       a DNC list held one of its numbers or addresses at import or edit, or the contact was blocked
     *                  through the API ({@link ContactRecords#block})
     * @param phones    in priority order
     */
    public record Card(long id, long listId, Map<String, Object> values, boolean dnc, Instant createdAt,
                       List<Phone> phones, List<String> emails) {
    }

    /**
     * @param type     the phone field's code ("mobile", "work")
     * @param number   E.164
     * @param timeZone IANA id or offset resolved at import; null when none was found
     * @param active   not flagged by a DNC list nor disabled
     */
    public record Phone(String type, String number, String timeZone, boolean active, int priority) {
    }
}
