package org.dozvon.dialing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.dozvon.campaigns.OutcomeCategory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The record of dialled calls (the module's API): what the call-attempt list and the workplace's card read, and a
 * preview skipped by its operator.
 */
@Service
public class CallRecords {

    private static final String SELECT = """
            select a.dial_request_id, a.call_id, a.campaign_id, a.contact_id, a.number, a.caller_id, a.node,
                   a.connector_id, a.queued_at, a.originated_at, a.answered_at, a.bridged_at, a.ended_at,
                   a.outcome, a.originate_reason, a.hangup_cause, a.amd_status, a.amd_cause, a.operator, a.detail,
                   r.state, r.completion_code, a.comment
            from call_attempt a join dial_request r on r.id = a.dial_request_id""";

    private final JdbcClient jdbc;
    private final CallAttemptStore attempts;
    private final AttemptOutcomes outcomes;
    private final Clock clock;

    CallRecords(JdbcClient jdbc, CallAttemptStore attempts, AttemptOutcomes outcomes, Clock clock) {
        this.jdbc = jdbc;
        this.attempts = attempts;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /**
     * Attempts newest first.
     *
     * @param campaignId only this campaign's (null: any)
     * @param contactId  only this contact's (null: any)
     * @param before     only attempts with a smaller id (the next page: the last id of this one)
     * @param limit      at most this many (1–500)
     */
    public List<CallRecord> list(Long campaignId, Long contactId, Long before, int limit) {
        return list(campaignId, contactId, null, null, null, before, Math.max(1, Math.min(500, limit)));
    }

    /**
     * Attempts newest first, as {@link #list(Long, Long, Long, int)} with more filters.
     *
     * @param outcome only attempts that ended so (the call's own outcome, as {@link CallRecord#outcome})
     * @param from    only attempts queued at or after this moment (null: any)
     * @param to      only attempts queued before this moment (null: any)
     * @param limit   at most this many (1–1001)
     */
    public List<CallRecord> list(Long campaignId, Long contactId, OutcomeCategory outcome, Instant from, Instant to,
                                 Long before, int limit) {
        return jdbc.sql(SELECT + """
                         where (cast(:campaign as bigint) is null or a.campaign_id = :campaign)
                          and (cast(:contact as bigint) is null or a.contact_id = :contact)
                          and (cast(:outcome as varchar) is null or a.outcome = :outcome)
                          and (cast(:from as timestamptz) is null or a.queued_at >= :from)
                          and (cast(:to as timestamptz) is null or a.queued_at < :to)
                          and (cast(:before as bigint) is null or a.dial_request_id < :before)
                        order by a.dial_request_id desc limit :limit""")
                .param("campaign", campaignId).param("contact", contactId)
                .param("outcome", outcome == null ? null : outcome.name())
                .param("from", from == null ? null : Timestamp.from(from))
                .param("to", to == null ? null : Timestamp.from(to)).param("before", before)
                .param("limit", Math.max(1, Math.min(1001, limit)))
                .query((rs, row) -> record(rs)).list();
    }

    /** The calls an operator took since {@code since}, newest first (the workplace's "today"). */
    public List<CallRecord> ofOperator(long operatorId, Instant since, int limit) {
        return jdbc.sql(SELECT + """
                         where a.operator_id = :operator and a.queued_at >= :since
                        order by a.dial_request_id desc limit :limit""")
                .param("operator", operatorId).param("since", Timestamp.from(since))
                .param("limit", Math.max(1, Math.min(500, limit))).query((rs, row) -> record(rs)).list();
    }

    /** The attempts of these ids (those that exist), in no particular order. */
    public List<CallRecord> attempts(java.util.Collection<Long> attemptIds) {
        if (attemptIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where a.dial_request_id in (:ids)").param("ids", attemptIds)
                .query((rs, row) -> record(rs)).list();
    }

    public Optional<CallRecord> attempt(long attemptId) {
        return jdbc.sql(SELECT + " where a.dial_request_id = :id").param("id", attemptId).query((rs, row) -> record(rs))
                .optional();
    }

    /** The dial request's times and the call's beyond its {@link CallRecord}; empty for an unknown attempt. */
    public Optional<AttemptTimes> times(long attemptId) {
        return jdbc.sql("""
                        select r.id, r.created_at, r.due_at, r.taken_at, r.settled_at, r.priority, r.manual, a.waiting_at,
                               a.operator_id
                        from dial_request r left join call_attempt a on a.dial_request_id = r.id
                        where r.id = :id""")
                .param("id", attemptId)
                .query((rs, row) -> new AttemptTimes(rs.getLong(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)),
                        instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), rs.getInt(6), rs.getBoolean(7),
                        instant(rs.getTimestamp(8)), (Long) rs.getObject(9)))
                .optional();
    }

    /**
     * The operator skipped a previewed contact with a code: the attempt ends without a call, with the code's
     * category, and the strategy gets the code. False when the attempt had ended already (it was placed meanwhile).
     */
    public boolean skipPreview(long attemptId, OutcomeCategory category, String completionCode) {
        if (attempts.ended(attemptId, clock.instant(), category.name(), null, null, "skipped in preview") == null) {
            return false;
        }
        outcomes.report(attemptId, category, completionCode, null);
        return true;
    }

    /**
     * Adds a note to the attempt's comment (a line of its own after what is there): the wrap-ups of a transferred
     * call, each operator's own, end up side by side.
     */
    public void addComment(long attemptId, String note) {
        if (note == null || note.isBlank()) {
            return;
        }
        String text = note.strip();
        jdbc.sql("""
                        update call_attempt set comment = left(case when comment is null then :note
                                                                  else comment || chr(10) || :note end, 2000)
                        where dial_request_id = :id""")
                .param("note", text).param("id", attemptId).update();
    }

    /** Keeps the operator's wrap-up comment with the attempt. */
    public void comment(long attemptId, String comment) {
        jdbc.sql("update call_attempt set comment = :comment where dial_request_id = :id")
                .param("comment", comment == null || comment.isBlank() ? null
                        : comment.strip().substring(0, Math.min(2000, comment.strip().length())))
                .param("id", attemptId).update();
    }

    private static CallRecord record(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new CallRecord(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                rs.getString(5), rs.getString(6), rs.getString(7), (Long) rs.getObject(8), instant(rs.getTimestamp(9)),
                instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)),
                instant(rs.getTimestamp(13)), rs.getString(14), (Integer) rs.getObject(15), (Integer) rs.getObject(16),
                rs.getString(17), rs.getString(18), rs.getString(19), rs.getString(20), rs.getString(21),
                rs.getString(22), rs.getString(23));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
