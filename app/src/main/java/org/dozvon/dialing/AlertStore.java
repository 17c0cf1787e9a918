package org.dozvon.dialing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code alert} table. */
@Repository
class AlertStore {

    private static final String COLUMNS =
            "id, kind, campaign_id, node, raised_at, parameters, resolved_at, acknowledged_by, acknowledged_at ";
    private static final TypeReference<Map<String, Object>> PARAMETERS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    AlertStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A new open auto-stop alert of the campaign, unless it has one already (then empty). */
    Optional<Long> insertAutoStop(long campaignId, String node, Instant at, Map<String, Object> parameters) {
        return jdbc.sql("""
                        insert into alert (kind, campaign_id, node, raised_at, parameters)
                        values ('AUTO_STOP', :campaign, :node, :at, cast(:parameters as jsonb))
                        on conflict (campaign_id) where kind = 'AUTO_STOP' and acknowledged_at is null do nothing
                        returning id""")
                .param("campaign", campaignId).param("node", node).param("at", Timestamp.from(at))
                .param("parameters", write(parameters)).query(Long.class).optional();
    }

    /** A new connector-down alert of the node, unless it has an unresolved one already (then empty). */
    Optional<Long> insertConnectorDown(String node, Instant at, Map<String, Object> parameters) {
        return jdbc.sql("""
                        insert into alert (kind, node, raised_at, parameters)
                        values ('CONNECTOR_DOWN', :node, :at, cast(:parameters as jsonb))
                        on conflict (node) where kind = 'CONNECTOR_DOWN' and resolved_at is null do nothing
                        returning id""")
                .param("node", node).param("at", Timestamp.from(at)).param("parameters", write(parameters))
                .query(Long.class).optional();
    }

    /** Resolves the node's unresolved connector-down alert; its id, empty when there was none. */
    Optional<Long> resolveConnectorDown(String node, Instant at) {
        return jdbc.sql("""
                        update alert set resolved_at = :at
                        where kind = 'CONNECTOR_DOWN' and node = :node and resolved_at is null returning id""")
                .param("node", node).param("at", Timestamp.from(at)).query(Long.class).optional();
    }

    /** An alert about one subject (an operator, an import run); empty when that subject's alert exists already. */
    Optional<Long> insertAbout(AlertKind kind, String subject, Long campaignId, String node, Instant at,
                               Map<String, Object> parameters) {
        return jdbc.sql("""
                        insert into alert (kind, subject, campaign_id, node, raised_at, parameters)
                        values (:kind, :subject, :campaign, :node, :at, cast(:parameters as jsonb))
                        on conflict do nothing
                        returning id""")
                .param("kind", kind.name()).param("subject", subject).param("campaign", campaignId).param("node", node)
                .param("at", Timestamp.from(at)).param("parameters", write(parameters))
                .query(Long.class).optional();
    }

    /** Resolves the subject's unresolved alert of that kind; its id, empty when there was none. */
    Optional<Long> resolveAbout(AlertKind kind, String subject, Instant at) {
        return jdbc.sql("""
                        update alert set resolved_at = :at
                        where kind = :kind and subject = :subject and resolved_at is null returning id""")
                .param("kind", kind.name()).param("subject", subject).param("at", Timestamp.from(at))
                .query(Long.class).optional();
    }

    /** Acknowledges an open alert; false when it is not open (any more). */
    boolean acknowledge(long id, String by, Instant at) {
        return jdbc.sql("""
                        update alert set acknowledged_by = :by, acknowledged_at = :at
                        where id = :id and acknowledged_at is null""")
                .param("id", id).param("by", by).param("at", Timestamp.from(at)).update() == 1;
    }

    Optional<Alert> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from alert where id = :id").param("id", id).query(this::alert).optional();
    }

    /** Newest first, below {@code before} when given. */
    List<Alert> page(boolean openOnly, Long campaignId, AlertKind kind, Long before, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                        from alert
                        where (not :open or acknowledged_at is null)
                          and (cast(:campaign as bigint) is null or campaign_id = :campaign)
                          and (cast(:kind as varchar) is null or kind = :kind)
                          and (cast(:before as bigint) is null or id < :before)
                        order by id desc limit :limit""")
                .param("open", openOnly).param("campaign", campaignId).param("kind", kind == null ? null : kind.name())
                .param("before", before).param("limit", limit)
                .query(this::alert).list();
    }

    Optional<Alert> openAutoStop(long campaignId) {
        return jdbc.sql("select " + COLUMNS + """
                        from alert where kind = 'AUTO_STOP' and campaign_id = :campaign and acknowledged_at is null""")
                .param("campaign", campaignId).query(this::alert).optional();
    }

    /** The unacknowledged alerts (over the partial index {@code alert_open_idx}). */
    long openCount() {
        return jdbc.sql("select count(*) from alert where acknowledged_at is null").query(Long.class).single();
    }

    private Alert alert(ResultSet rs, int row) throws SQLException {
        return new Alert(rs.getLong(1), AlertKind.valueOf(rs.getString(2)), (Long) rs.getObject(3), rs.getString(4),
                instant(rs.getTimestamp(5)), read(rs.getString(6)), instant(rs.getTimestamp(7)), rs.getString(8),
                instant(rs.getTimestamp(9)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private String write(Map<String, Object> parameters) {
        try {
            return json.writeValueAsString(parameters);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Map<String, Object> read(String text) {
        try {
            return json.readValue(text, PARAMETERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert parameters are not JSON: " + text, e);
        }
    }
}
