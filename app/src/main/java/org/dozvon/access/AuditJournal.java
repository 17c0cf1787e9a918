package org.dozvon.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reading the audit journal: filtered, newest first, a page at a time (keyset on {@code at, id}) or streamed for an
 * export; and the field-by-field difference of a record's old and new value.
 */
@Service
class AuditJournal {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;

    AuditJournal(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions, ObjectMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.transactions = transactions;
        this.json = json;
    }

    /**
     * What to look for; every part optional (null or blank: any).
     *
     * @param from       at or after
     * @param to         before
     * @param user       user name, exactly (case ignored)
     * @param action     action code, or its beginning ({@code campaign.} finds every campaign action)
     * @param objectType object type, exactly
     * @param objectId   object id, exactly
     * @param text       text anywhere in the old or new value (case ignored)
     */
    record Filter(Instant from, Instant to, String user, String action, String objectType, String objectId,
                  String text) {

        static final Filter ANY = new Filter(null, null, null, null, null, null, null);
    }

    /** The key of a row in the journal's order, to read the rows older than it. */
    record Key(Instant at, long id) {
    }

    /** One field of a record's value: before, after (as text, null when absent) and whether it changed. */
    record Change(String field, String before, String after, boolean changed) {
    }

    /** At most {@code limit} records matching {@code filter}, older than {@code after} (null: the newest). */
    List<AuditEvent> find(Filter filter, Key after, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(filter, params);
        if (after != null) {
            where += " and (at, id) < (:keyAt, :keyId)";
            params.addValue("keyAt", Timestamp.from(after.at())).addValue("keyId", after.id());
        }
        params.addValue("limit", limit);
        return new NamedParameterJdbcTemplate(template).query(select(where) + " limit :limit", params, AuditJournal::event);
    }

    /**
     * Streams the records matching {@code filter}, newest first, at most {@code limit} (read in batches inside one
     * read-only transaction, so a large journal is never held in memory).
     */
    void each(Filter filter, int limit, Consumer<AuditEvent> row) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = select(where(filter, params)) + " limit :limit";
        params.addValue("limit", limit);
        transactions.executeWithoutResult(status -> {
            JdbcTemplate streaming = new JdbcTemplate(Objects.requireNonNull(template.getDataSource()));
            streaming.setFetchSize(500);
            new NamedParameterJdbcTemplate(streaming).query(sql, params,
                    (java.sql.ResultSet rs) -> row.accept(event(rs, 0)));
        });
    }

    /** The distinct actions and object types recorded, for the filter's choices. */
    List<String> actions() {
        return jdbc.sql("select distinct action from audit_event order by action").query(String.class).list();
    }

    List<String> objectTypes() {
        return jdbc.sql("select distinct object_type from audit_event order by object_type").query(String.class).list();
    }

    /**
     * The record's value field by field: the fields of the old and new JSON objects (in their order, old first),
     * each with its value before and after; a value that is not an object is one field named {@code value}.
     */
    List<Change> changes(AuditEvent event) {
        JsonNode before = parse(event.before());
        JsonNode after = parse(event.after());
        List<Change> changes = new ArrayList<>();
        if ((before == null || before.isObject()) && (after == null || after.isObject()) && (before != null || after != null)) {
            Set<String> fields = new LinkedHashSet<>();
            for (JsonNode node : new JsonNode[] {before, after}) {
                if (node != null) {
                    node.fieldNames().forEachRemaining(fields::add);
                }
            }
            for (String field : fields) {
                changes.add(change(field, before == null ? null : before.get(field), after == null ? null : after.get(field)));
            }
        } else if (before != null || after != null) {
            changes.add(change("value", before, after));
        }
        return changes;
    }

    private static Change change(String field, JsonNode before, JsonNode after) {
        return new Change(field, text(before), text(after), !Objects.equals(before, after));
    }

    private static String text(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        return node.isTextual() ? node.asText() : node.toString();
    }

    private JsonNode parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return json.readTree(value);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(value);
        }
    }

    private static String select(String where) {
        return """
                select id, at, username, roles, action, object_type, object_id,
                       before_value::text as before_value, after_value::text as after_value
                  from audit_event where """ + " " + where + " order by at desc, id desc";
    }

    private static String where(Filter filter, MapSqlParameterSource params) {
        StringBuilder where = new StringBuilder("true");
        if (filter.from() != null) {
            where.append(" and at >= :from");
            params.addValue("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and at < :to");
            params.addValue("to", Timestamp.from(filter.to()));
        }
        for (Map.Entry<String, String> exact : Map.of("lower(username) = lower(:user)", nz(filter.user()),
                "object_type = :objectType", nz(filter.objectType()), "object_id = :objectId", nz(filter.objectId())).entrySet()) {
            if (!exact.getValue().isEmpty()) {
                where.append(" and ").append(exact.getKey());
            }
        }
        params.addValue("user", nz(filter.user())).addValue("objectType", nz(filter.objectType()))
                .addValue("objectId", nz(filter.objectId()));
        if (!nz(filter.action()).isEmpty()) {
            where.append(" and (action = :action or action like :actionPrefix escape '\\')");
            params.addValue("action", nz(filter.action()))
                    .addValue("actionPrefix", like(nz(filter.action())) + (filter.action().strip().endsWith(".") ? "%" : ".%"));
        }
        if (!nz(filter.text()).isEmpty()) {
            where.append(" and (before_value::text ilike :text escape '\\' or after_value::text ilike :text escape '\\')");
            params.addValue("text", "%" + like(nz(filter.text())) + "%");
        }
        return where.toString();
    }

    private static String like(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String nz(String value) {
        return value == null ? "" : value.strip();
    }

    private static AuditEvent event(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AuditEvent(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("username"),
                rs.getString("roles"), rs.getString("action"), rs.getString("object_type"), rs.getString("object_id"),
                rs.getString("before_value"), rs.getString("after_value"));
    }
}
