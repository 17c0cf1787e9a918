package org.dozvon.dialing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code call_attempt} rows: one per dialled request, written before the originate, completed by events. */
@Repository
class CallAttemptStore {

    private final JdbcClient jdbc;

    CallAttemptStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** In the transaction that takes the request: the attempt as it is about to be originated. */
    void insert(DialAttempt attempt, String callId, String node, Long connectorId, String callerId) {
        jdbc.sql("""
                        insert into call_attempt (dial_request_id, call_id, campaign_id, contact_id, node, connector_id,
                                                  number, caller_id, queued_at)
                        select id, :callId, campaign_id, contact_id, :node, :connector, phone, :callerId, created_at
                        from dial_request where id = :id""")
                .param("callId", callId).param("node", node).param("connector", connectorId)
                .param("callerId", callerId).param("id", attempt.id()).update();
    }

    void originated(List<Long> ids, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("update call_attempt set originated_at = :at where dial_request_id in (:ids) and originated_at is null")
                .param("at", Timestamp.from(at)).param("ids", ids).update();
    }

    void answered(long id, Instant at) {
        jdbc.sql("update call_attempt set answered_at = :at where dial_request_id = :id and answered_at is null")
                .param("at", Timestamp.from(at)).param("id", id).update();
    }

    void machineDetection(long id, String status, String cause) {
        jdbc.sql("update call_attempt set amd_status = :status, amd_cause = :cause where dial_request_id = :id")
                .param("status", status).param("cause", cause).param("id", id).update();
    }

    void bridged(long id, Instant at, String operator) {
        jdbc.sql("update call_attempt set bridged_at = coalesce(bridged_at, :at), operator = coalesce(operator, :operator)"
                        + " where dial_request_id = :id")
                .param("at", Timestamp.from(at)).param("operator", operator).param("id", id).update();
    }

    /**
     * Records the end once.
     *
     * @return the attempt's campaign; null when the attempt had ended already (a late or second report)
     */
    Long ended(long id, Instant at, String outcome, Integer originateReason, Integer hangupCause, String detail) {
        return jdbc.sql("""
                        update call_attempt set ended_at = :at, outcome = :outcome, originate_reason = :reason,
                               hangup_cause = :cause, detail = :detail
                        where dial_request_id = :id and ended_at is null
                        returning campaign_id""")
                .param("at", Timestamp.from(at)).param("outcome", outcome).param("reason", originateReason)
                .param("cause", hangupCause).param("detail", detail == null ? null : truncate(detail, 500))
                .param("id", id).query(Long.class).optional().orElse(null);
    }

    /** A person waits for an operator (answered, and not a machine as far as detection tells). */
    void waiting(long id, Instant at) {
        jdbc.sql("update call_attempt set waiting_at = :at where dial_request_id = :id and waiting_at is null")
                .param("at", Timestamp.from(at)).param("id", id).update();
    }

    /** The operator the call is given to (reserved for a preview, or connected to a waiting person). */
    void operator(long id, long operatorId, String operatorName) {
        jdbc.sql("update call_attempt set operator_id = :operator, operator = :name where dial_request_id = :id")
                .param("operator", operatorId).param("name", operatorName).param("id", id).update();
    }

    /** Whether an attempt with this id was ever recorded (dialled, being dialled or previewed). */
    boolean exists(long id) {
        return jdbc.sql("select count(*) from call_attempt where dial_request_id = :id").param("id", id)
                .query(Long.class).single() > 0;
    }

    /** A supervisor took the call over to its phone ({@link CallControl#takeOver}). */
    void takenOver(long id, String endpoint, Instant at) {
        jdbc.sql("update call_attempt set taken_over_at = :at, taken_over_to = :endpoint where dial_request_id = :id")
                .param("at", Timestamp.from(at)).param("endpoint", endpoint).param("id", id).update();
    }

    /** An ended call's campaign and how long its operator talked, for the pacer once the wrap-up ends. */
    java.util.Optional<Talk> talk(long id) {
        return jdbc.sql("select campaign_id, bridged_at, ended_at from call_attempt where dial_request_id = :id")
                .param("id", id)
                .query((rs, n) -> new Talk(rs.getLong(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3))))
                .optional();
    }

    record Talk(long campaignId, Instant bridgedAt, Instant endedAt) {
    }

    /** Every call in progress, on every node: what line limits count. */
    List<OpenCall> open() {
        return jdbc.sql("""
                        select dial_request_id, call_id, campaign_id, connector_id, node, originated_at, answered_at,
                               bridged_at, amd_status, waiting_at
                        from call_attempt where ended_at is null""")
                .query(CallAttemptStore::openCall).list();
    }

    /** Calls in progress of this node and of nodes silent since {@code deadBefore}. */
    List<OpenCall> orphanCandidates(String node, Instant deadBefore) {
        return jdbc.sql("""
                        select dial_request_id, call_id, campaign_id, connector_id, node, originated_at, answered_at,
                               bridged_at, amd_status, waiting_at
                        from call_attempt a where ended_at is null
                          and (node = :node or not exists (select 1 from dialer_node n where n.name = a.node
                                                                                      and n.seen_at >= :dead))""")
                .param("node", node).param("dead", Timestamp.from(deadBefore))
                .query(CallAttemptStore::openCall).list();
    }

    /**
     * Calls of this node and of nodes silent since {@code deadBefore} whose end was recorded before {@code before}
     * while their request is still DIALING: the process was killed between recording an end and handing it to the
     * strategy (an answered call an operator talked on waits for its wrap-up instead, unless a supervisor took it
     * over). Scans the requests being dialled; run once per start.
     */
    List<EndedCall> endedNotSettled(String node, Instant deadBefore, Instant before) {
        return jdbc.sql("""
                        select a.dial_request_id, a.call_id, a.outcome
                        from dial_request r join call_attempt a on a.dial_request_id = r.id
                        where r.state = 'DIALING' and a.ended_at < :before
                          and not (a.outcome = 'ANSWERED' and a.bridged_at is not null and a.operator_id is not null
                                   and a.taken_over_at is null)
                          and (a.node = :node or not exists (select 1 from dialer_node n where n.name = a.node
                                                                                      and n.seen_at >= :dead))""")
                .param("before", Timestamp.from(before)).param("node", node)
                .param("dead", Timestamp.from(deadBefore))
                .query((rs, row) -> new EndedCall(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    /** Takes over an open call of a dead node; false when another node took it first or it ended. */
    boolean adopt(long id, String from, String to) {
        return jdbc.sql("update call_attempt set node = :to where dial_request_id = :id and node = :from and ended_at is null")
                .param("to", to).param("id", id).param("from", from).update() == 1;
    }

    OpenCall openCall(long id) {
        return jdbc.sql("""
                        select dial_request_id, call_id, campaign_id, connector_id, node, originated_at, answered_at,
                               bridged_at, amd_status, waiting_at
                        from call_attempt where dial_request_id = :id and ended_at is null""")
                .param("id", id).query(CallAttemptStore::openCall).optional().orElse(null);
    }

    void beat(String node, Instant now, boolean starting) {
        jdbc.sql("""
                        insert into dialer_node (name, started_at, seen_at) values (:node, :now, :now)
                        on conflict (name) do update set seen_at = excluded.seen_at"""
                        + (starting ? ", started_at = excluded.started_at" : ""))
                .param("node", node).param("now", Timestamp.from(now)).update();
    }

    private static OpenCall openCall(ResultSet rs, int row) throws SQLException {
        long connector = rs.getLong(4);
        Long connectorId = rs.wasNull() ? null : connector;
        return new OpenCall(rs.getLong(1), rs.getString(2), rs.getLong(3), connectorId,
                rs.getString(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
                rs.getString(9), instant(rs.getTimestamp(10)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    record EndedCall(long id, String callId, String outcome) {
    }

    record OpenCall(long id, String callId, long campaignId, Long connectorId, String node, Instant originatedAt,
                    Instant answeredAt, Instant bridgedAt, String amdStatus, Instant waitingAt) {

        CampaignLines.LiveCall live() {
            return new CampaignLines.LiveCall(originatedAt, answeredAt, waitingAt, bridgedAt);
        }
    }
}
