package org.dozvon.dialing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/call-attempts}: the record of dialled calls, newest first. */
@RestController
class CallAttemptsApi {

    private final JdbcClient jdbc;

    CallAttemptsApi(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param campaignId only this campaign's
     * @param contactId  only this contact's
     * @param before     only attempts with a smaller id (the next page: the last id of this one)
     * @param limit      at most this many (1–500)
     */
    @GetMapping("/api/v1/call-attempts")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    List<Attempt> list(@RequestParam(required = false) Long campaignId, @RequestParam(required = false) Long contactId,
                       @RequestParam(required = false) Long before, @RequestParam(defaultValue = "100") int limit) {
        return jdbc.sql("""
                        select a.dial_request_id, a.call_id, a.campaign_id, a.contact_id, a.number, a.caller_id, a.node,
                               a.connector_id, a.queued_at, a.originated_at, a.answered_at, a.bridged_at, a.ended_at,
                               a.outcome, a.originate_reason, a.hangup_cause, a.amd_status, a.amd_cause, a.operator, a.detail,
                               r.state
                        from call_attempt a join dial_request r on r.id = a.dial_request_id
                        where (cast(:campaign as bigint) is null or a.campaign_id = :campaign)
                          and (cast(:contact as bigint) is null or a.contact_id = :contact)
                          and (cast(:before as bigint) is null or a.dial_request_id < :before)
                        order by a.dial_request_id desc limit :limit""")
                .param("campaign", campaignId).param("contact", contactId).param("before", before)
                .param("limit", Math.max(1, Math.min(500, limit)))
                .query((rs, row) -> new Attempt(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), (Long) rs.getObject(8), instant(rs.getTimestamp(9)),
                        instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)),
                        instant(rs.getTimestamp(13)), rs.getString(14), (Integer) rs.getObject(15), (Integer) rs.getObject(16),
                        rs.getString(17), rs.getString(18), rs.getString(19), rs.getString(20), rs.getString(21)))
                .list();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /**
     * One call attempt.
     *
     * @param attemptId    the dial request's id
     * @param requestState the dial request's state (DIALING until its outcome is settled)
     */
    record Attempt(long attemptId, String callId, long campaignId, long contactId, String number, String callerId,
                   String node, Long connectorId, Instant queuedAt, Instant originatedAt, Instant answeredAt,
                   Instant bridgedAt, Instant endedAt, String outcome, Integer originateReason, Integer hangupCause,
                   String amdStatus, String amdCause, String operator, String detail, String requestState) {
    }
}
