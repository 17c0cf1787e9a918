package org.dozvon.access;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The audit journal (table {@code audit_event}). A module records a person's change with {@link #record} in the
 * same transaction as the change, so a change and its record are kept or lost together. Values are written as
 * JSON with the application's object mapper (records, maps, strings and numbers all do).
 */
@Service
public class Audit {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final AuditForwarder forwarder;

    Audit(JdbcClient jdbc, ObjectMapper json, Clock clock, AuditForwarder forwarder) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.forwarder = forwarder;
    }

    /**
     * Records a change made by {@code actor}.
     *
     * @param action     what was done, a stable code such as {@code operator.state}
     * @param objectType what kind of object, such as {@code operator}, {@code campaign}, {@code call}
     * @param objectId   which one (null when the action has no single object)
     * @param before     its value before (null: none or not relevant)
     * @param after      its value after (null: none or not relevant)
     */
    public void record(DozvonUser actor, String action, String objectType, Object objectId, Object before, Object after) {
        record(actor.getUsername(), String.join(",", new TreeSet<>(actor.roles())), action, objectType, objectId,
                before, after);
    }

    /**
     * Records an action of someone who may not be a signed-in user (a failed login names the user name tried).
     * The record is forwarded to the security system, when one is configured, after its transaction commits.
     */
    void record(String username, String roles, String action, String objectType, Object objectId, Object before,
                Object after) {
        java.time.Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String objectKey = objectId == null ? null : objectId.toString();
        objectKey = objectKey != null && objectKey.length() > 100 ? objectKey.substring(0, 100) : objectKey;
        String beforeJson = toJson(before);
        String afterJson = toJson(after);
        Long id = jdbc.sql("""
                        insert into audit_event (at, username, roles, action, object_type, object_id, before_value, after_value)
                        values (:at, :username, :roles, :action, :objectType, :objectId, cast(:before as jsonb), cast(:after as jsonb))
                        returning id
                        """)
                .param("at", java.sql.Timestamp.from(at))
                .param("username", username.length() > 100 ? username.substring(0, 100) : username)
                .param("roles", roles)
                .param("action", action)
                .param("objectType", objectType)
                .param("objectId", objectKey)
                .param("before", beforeJson)
                .param("after", afterJson)
                .query(Long.class)
                .single();
        forwarder.recorded(new AuditEvent(id, at, username, roles, action, objectType, objectKey, beforeJson, afterJson));
    }

    /** The latest records about one object, newest first (at most {@code limit}, 1–500). */
    public List<AuditEvent> of(String objectType, Object objectId, int limit) {
        return jdbc.sql("""
                        select id, at, username, roles, action, object_type, object_id,
                               before_value::text as before_value, after_value::text as after_value
                          from audit_event where object_type = :type and object_id = :id
                         order by at desc, id desc limit :limit
                        """)
                .param("type", objectType)
                .param("id", objectId.toString())
                .param("limit", Math.max(1, Math.min(500, limit)))
                .query(Audit::event)
                .list();
    }

    /** The latest records of every kind, newest first (at most {@code limit}, 1–500). */
    public List<AuditEvent> latest(int limit) {
        return jdbc.sql("""
                        select id, at, username, roles, action, object_type, object_id,
                               before_value::text as before_value, after_value::text as after_value
                          from audit_event order by at desc, id desc limit :limit
                        """)
                .param("limit", Math.max(1, Math.min(500, limit)))
                .query(Audit::event)
                .list();
    }

    private static AuditEvent event(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AuditEvent(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("username"),
                rs.getString("roles"), rs.getString("action"), rs.getString("object_type"), rs.getString("object_id"),
                rs.getString("before_value"), rs.getString("after_value"));
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write an audit value as JSON: " + value.getClass().getName(), e);
        }
    }
}
