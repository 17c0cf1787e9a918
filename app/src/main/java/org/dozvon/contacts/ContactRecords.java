package org.dozvon.contacts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contacts looked up by id or by client id across lists, and the marks a CRM puts on a contact: its last CRM status,
 * and a block of the whole contact. The module's API for the REST look-up; values are given in clear, the caller
 * shows them through {@link ShownFields}.
 */
@Service
public class ContactRecords {

    private static final TypeReference<LinkedHashMap<String, Object>> VALUES = new TypeReference<>() {
    };
    private static final String SELECT = """
            select c.id, c.list_id, l.name, c.client_id, c.attributes::text, c.dnc, c.blocked_at, c.blocked_reason,
                   c.crm_status, c.crm_status_at, c.created_at, c.updated_at,
                   array(select array[p.field_code, p.number, p.status, p.time_zone, p.priority::text]
                         from contact_phone p where p.contact_id = c.id order by p.priority, p.id) as phones
            from contact c join contact_list l on l.id = c.list_id""";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ContactRecords(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The contact, or empty when there is none. */
    @Transactional(readOnly = true)
    public Optional<ContactRecord> find(long contactId) {
        return jdbc.sql(SELECT + " where c.id = :id").param("id", contactId).query(this::record).optional();
    }

    /**
     * The contacts with this client id, in every list or in one, by id after {@code afterId}: a keyset page. A client
     * id is unique within a list, not across lists. Each list's unique index (list, client id) is probed.
     */
    @Transactional(readOnly = true)
    public List<ContactRecord> withClientId(String clientId, Long listId, Long afterId, int limit) {
        return jdbc.sql(SELECT + """
                         where c.client_id = :clientId and (cast(:list as bigint) is null or c.list_id = :list)
                          and (cast(:after as bigint) is null or c.id > :after)
                        order by c.id limit :limit""")
                .param("clientId", clientId).param("list", listId).param("after", afterId)
                .param("limit", Math.max(1, limit)).query(this::record).list();
    }

    /**
     * Records the status a CRM sent with the contact, in the caller's transaction.
     *
     * @return the status it had before (empty: none, or no such contact)
     */
    @Transactional
    public Optional<String> crmStatus(long contactId, String crmStatus, Instant at) {
        return jdbc.sql("""
                        update contact c set crm_status = :status, crm_status_at = :at from contact old
                        where c.id = :id and old.id = c.id returning old.crm_status""")
                .param("status", crmStatus).param("at", Timestamp.from(at)).param("id", contactId)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(previous -> previous);
    }

    /**
     * Blocks the whole contact: no campaign takes it from now on, and a strategy that has it finishes it DO_NOT_CALL at
     * its next step. Kept across edits and imports (unlike the DNC flag). False when there is no such contact.
     */
    @Transactional
    public boolean block(long contactId, String reason, Instant at) {
        return jdbc.sql("update contact set blocked_at = coalesce(blocked_at, :at), blocked_reason = :reason where id = :id")
                .param("at", Timestamp.from(at)).param("reason", reason).param("id", contactId).update() == 1;
    }

    private ContactRecord record(ResultSet rs, int row) throws SQLException {
        List<ContactRecord.Phone> phones = new ArrayList<>();
        for (Object item : (Object[]) rs.getArray(13).getArray()) {
            String[] phone = (String[]) item;
            phones.add(new ContactRecord.Phone(phone[0], phone[1], phone[2], phone[3], Integer.parseInt(phone[4])));
        }
        return new ContactRecord(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), values(rs.getString(5)),
                rs.getBoolean(6), instant(rs.getTimestamp(7)), rs.getString(8), rs.getString(9),
                instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)), phones);
    }

    private Map<String, Object> values(String text) {
        try {
            return json.readValue(text, VALUES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("contact attributes are not a JSON object: " + text, e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
