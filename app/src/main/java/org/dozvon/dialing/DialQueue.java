package org.dozvon.dialing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.dozvon.campaigns.OutcomeCategory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dial queue, which is also the record of call attempts (table {@code dial_request}). A strategy
 * step asks for a dial inside its own transaction; a pacer takes due requests; an outcome settles one
 * exactly once, publishing {@link CallAttemptSettled} in the settling transaction.
 */
@Service
public class DialQueue {

    private static final String COLUMNS = """
            id, campaign_id, contact_id, business_key, phone, phone_type, time_zone, state, due_at, window_end,
            outcome, completion_code, settled_at, dry_run, callback_id, for_operator""";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    DialQueue(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Writes a QUEUED request in the caller's transaction (a strategy step's) and answers its attempt id. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long request(DialRequest request) {
        return jdbc.sql("""
                        insert into dial_request (campaign_id, contact_id, business_key, phone, phone_type, time_zone,
                                                  priority, due_at, window_end, created_at, local_day, dry_run,
                                                  callback_id, for_operator)
                        values (:campaign, :contact, :key, :phone, :type, :zone, :priority, :due, :windowEnd, :now, :day, :dryRun,
                                :callback, :forOperator)
                        returning id""")
                .param("campaign", request.campaignId()).param("contact", request.contactId())
                .param("key", request.businessKey()).param("phone", request.phone()).param("type", request.phoneType())
                .param("zone", request.timeZone()).param("priority", request.priority())
                .param("due", Timestamp.from(request.dueAt()))
                .param("windowEnd", request.windowEnd() == null ? null : Timestamp.from(request.windowEnd()))
                .param("now", Timestamp.from(request.requestedAt())).param("day", request.localDay())
                .param("dryRun", request.dryRun())
                .param("callback", request.callbackId()).param("forOperator", request.forOperator())
                .query(Long.class).single();
    }

    /**
     * Settles an attempt that is still open (queued or dialling) with its outcome.
     *
     * @return the settled attempt; empty when it was settled or cancelled before (a duplicate or late
     *         outcome) or does not exist
     */
    @Transactional
    public Optional<DialAttempt> settle(long attemptId, OutcomeCategory outcome, String completionCode, Instant at) {
        Optional<DialAttempt> settled = jdbc.sql("update dial_request set state = 'SETTLED', outcome = :outcome,"
                        + " completion_code = :code, settled_at = :at where id = :id and state in ('QUEUED', 'DIALING')"
                        + " returning " + COLUMNS)
                .param("outcome", outcome.name()).param("code", completionCode).param("at", Timestamp.from(at))
                .param("id", attemptId)
                .query(DialQueue::attempt).optional();
        settled.ifPresent(attempt -> events.publishEvent(new CallAttemptSettled(attempt.id(), attempt.campaignId(),
                attempt.contactId(), outcome, completionCode, at, false, attempt.dryRun())));
        return settled;
    }

    /**
     * Settles a manual attempt (placed from the workplace outside the queue) that no strategy waits for; nothing
     * happens to other attempts.
     */
    @Transactional
    public boolean settleManual(long attemptId, OutcomeCategory outcome, String completionCode, Instant at) {
        Optional<DialAttempt> settled = jdbc.sql("update dial_request set state = 'SETTLED', outcome = :outcome,"
                        + " completion_code = :code, settled_at = :at where id = :id and state in ('QUEUED', 'DIALING')"
                        + " and manual returning " + COLUMNS)
                .param("outcome", outcome.name()).param("code", completionCode).param("at", Timestamp.from(at))
                .param("id", attemptId).query(DialQueue::attempt).optional();
        settled.ifPresent(attempt -> events.publishEvent(new CallAttemptSettled(attempt.id(), attempt.campaignId(),
                attempt.contactId(), outcome, completionCode, at, true, attempt.dryRun())));
        return settled.isPresent();
    }

    /**
     * Manual dial: takes the contact's request that waits in the queue of a campaign (its strategy waits for its
     * outcome) for dialling now, to the number given; empty when the contact has none queued.
     */
    @Transactional
    public Optional<DialAttempt> takeQueuedOf(long campaignId, long contactId, String phone, Instant now) {
        return jdbc.sql("""
                        update dial_request set state = 'DIALING', taken_at = :now, phone = coalesce(:phone, phone)
                        where id = (select id from dial_request where campaign_id = :campaign and contact_id = :contact
                                      and state = 'QUEUED' and not dry_run order by due_at, id limit 1
                                    for update skip locked)
                        returning""" + " " + COLUMNS)
                .param("now", Timestamp.from(now)).param("phone", phone).param("campaign", campaignId)
                .param("contact", contactId).query(DialQueue::attempt).optional();
    }

    /**
     * Manual dial: a request of its own, DIALING at once and marked manual, for a contact whose strategy waits for
     * no call now (or a number without a contact). Its outcome is settled by the dialer, counted in the contact's
     * attempts like any other.
     */
    @Transactional
    public DialAttempt manual(long campaignId, long contactId, String phone, String timeZone, LocalDate localDay,
                              Instant now) {
        return jdbc.sql("""
                        insert into dial_request (campaign_id, contact_id, business_key, phone, time_zone, state, priority,
                                                  due_at, created_at, taken_at, local_day, manual)
                        values (:campaign, :contact, :key, :phone, :zone, 'DIALING', 0, :now, :now, :now, :day, true)
                        returning""" + " " + COLUMNS)
                .param("campaign", campaignId).param("contact", contactId).param("key", campaignId + ":" + contactId)
                .param("phone", phone).param("zone", timeZone).param("now", Timestamp.from(now)).param("day", localDay)
                .query(DialQueue::attempt).single();
    }

    /** Cancels an attempt that nobody has started dialling; false when it was taken or settled. */
    @Transactional
    public boolean cancelIfQueued(long attemptId, Instant at) {
        return jdbc.sql("update dial_request set state = 'CANCELLED', settled_at = :at where id = :id and state = 'QUEUED'")
                .param("at", Timestamp.from(at)).param("id", attemptId).update() == 1;
    }

    /** Cancels every queued request of a campaign (it stopped); answers how many. */
    @Transactional
    public int cancelQueued(long campaignId, Instant at) {
        return jdbc.sql("update dial_request set state = 'CANCELLED', settled_at = :at where campaign_id = :campaign"
                        + " and state = 'QUEUED'")
                .param("at", Timestamp.from(at)).param("campaign", campaignId).update();
    }

    /**
     * Cancels queued requests (nobody has started dialling them) of a contact, of a phone number, or of a number of one
     * contact, in one campaign or in any; requests being dialled are left to end. At least one of {@code contactId} and
     * {@code phone} is given.
     *
     * @return the requests cancelled
     */
    @Transactional
    public List<DialAttempt> cancelQueued(Long campaignId, Long contactId, String phone, Instant at) {
        if (contactId == null && phone == null) {
            throw new IllegalArgumentException("a contact or a phone is needed");
        }
        return jdbc.sql("""
                        update dial_request set state = 'CANCELLED', settled_at = :at
                        where state = 'QUEUED'
                          and (cast(:campaign as bigint) is null or campaign_id = :campaign)
                          and (cast(:contact as bigint) is null or contact_id = :contact)
                          and (cast(:phone as varchar) is null or phone = :phone)
                        returning""" + " " + COLUMNS)
                .param("at", Timestamp.from(at)).param("campaign", campaignId).param("contact", contactId)
                .param("phone", phone).query(DialQueue::attempt).list();
    }

    /** The contact's requests in a campaign that are queued or being dialled, oldest first. */
    @Transactional(readOnly = true)
    public List<DialAttempt> open(long campaignId, long contactId) {
        return jdbc.sql("select " + COLUMNS + " from dial_request where campaign_id = :campaign and contact_id = :contact"
                        + " and state in ('QUEUED', 'DIALING') order by id")
                .param("campaign", campaignId).param("contact", contactId).query(DialQueue::attempt).list();
    }

    /**
     * Records an agent result given from outside (a CRM's, AMT's "agent result"): a request written SETTLED with the
     * code and its category, never dialled, in the caller's transaction (the strategy step that settles it). It is an
     * attempt of the contact's history, but not a dial: the limits on attempts leave it out, "times this code" counts it.
     *
     * @param agent   who gave the result (a user name)
     * @param comment the agent's comment, or null
     * @return its attempt id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long recordExternal(long campaignId, long contactId, String businessKey, String phone, String phoneType,
                               OutcomeCategory outcome, String completionCode, String agent, String comment,
                               LocalDate localDay, Instant at) {
        return jdbc.sql("""
                        insert into dial_request (campaign_id, contact_id, business_key, phone, phone_type, state, priority,
                                                  due_at, created_at, settled_at, outcome, completion_code, local_day,
                                                  external, external_agent, external_comment)
                        values (:campaign, :contact, :key, :phone, :type, 'SETTLED', 0, :at, :at, :at, :outcome, :code, :day,
                                true, :agent, :comment)
                        returning id""")
                .param("campaign", campaignId).param("contact", contactId).param("key", businessKey)
                .param("phone", phone == null ? "" : phone).param("type", phoneType).param("at", Timestamp.from(at))
                .param("outcome", outcome.name()).param("code", completionCode).param("day", localDay)
                .param("agent", agent).param("comment", comment)
                .query(Long.class).single();
    }

    /**
     * A contact's attempts, newest first: requests dialled or being dialled (with their call's times and operator) and
     * agent results set from outside; queued and cancelled requests that were never dialled are not attempts.
     *
     * @param limit at most this many (1–500)
     */
    @Transactional(readOnly = true)
    public List<AttemptEntry> history(long contactId, int limit) {
        return jdbc.sql("""
                        select r.id, r.campaign_id, r.phone, r.state, r.manual, r.external, r.created_at,
                               coalesce(a.originated_at, a.queued_at), a.answered_at, a.ended_at, r.settled_at,
                               coalesce(r.outcome, a.outcome), r.completion_code, coalesce(a.operator, r.external_agent),
                               coalesce(a.comment, r.external_comment)
                        from dial_request r left join call_attempt a on a.dial_request_id = r.id
                        where r.contact_id = :contact
                          and (r.state in ('DIALING', 'SETTLED') or a.dial_request_id is not null)
                        order by r.id desc limit :limit""")
                .param("contact", contactId).param("limit", Math.max(1, Math.min(500, limit)))
                .query((rs, row) -> {
                    String outcome = rs.getString(12);
                    return new AttemptEntry(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            DialAttempt.State.valueOf(rs.getString(4)),
                            rs.getBoolean(6) ? AttemptEntry.Kind.EXTERNAL : rs.getBoolean(5) ? AttemptEntry.Kind.MANUAL
                                    : AttemptEntry.Kind.CALL,
                            instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)),
                            instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)),
                            outcome == null ? null : OutcomeCategory.valueOf(outcome), rs.getString(13), rs.getString(14),
                            rs.getString(15));
                }).list();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    public Optional<DialAttempt> attempt(long attemptId) {
        return jdbc.sql("select " + COLUMNS + " from dial_request where id = :id").param("id", attemptId)
                .query(DialQueue::attempt).optional();
    }

    /**
     * Takes up to {@code limit} due requests of a campaign for dialling: they leave QUEUED (as DIALING) in
     * this transaction, before anything is originated, so that no request is dialled twice. Requests whose
     * calling window has closed are left for the strategy's deadline to cancel.
     */
    @Transactional
    public List<DialAttempt> take(long campaignId, Instant now, int limit) {
        return jdbc.sql("""
                        update dial_request set state = 'DIALING', taken_at = :now where id in (
                            select id from dial_request
                            where campaign_id = :campaign and state = 'QUEUED' and due_at <= :now
                              and (window_end is null or window_end > :now) and not dry_run and for_operator is null
                            order by priority desc, due_at, id limit :limit for update skip locked)
                        returning""" + " " + COLUMNS)
                .param("now", Timestamp.from(now)).param("campaign", campaignId).param("limit", limit)
                .query(DialQueue::attempt).list();
    }

    /**
     * The settled attempts of a contact in a campaign, counted the ways a strategy's limits and decision
     * table need.
     *
     * @param phone          the phone of the attempt being decided (E.164), or null
     * @param localDay       the contact's current local day, for "attempts today"
     * @param completionCode a code whose attempts to count, or null
     */
    @Transactional(readOnly = true)
    public AttemptCounts counts(long campaignId, long contactId, String phone, LocalDate localDay, String completionCode) {
        Map<String, Integer> byType = new HashMap<>();
        int[] totals = new int[4];
        Instant[] first = new Instant[1];
        // an agent result set from outside (external) was no dial: it counts only as "times this code"
        jdbc.sql("""
                        select phone_type, count(*) filter (where not external),
                               count(*) filter (where phone = :phone and not external),
                               count(*) filter (where local_day = :day and not external),
                               count(*) filter (where completion_code = :code),
                               min(settled_at) filter (where not external)
                        from dial_request
                        where contact_id = :contact and campaign_id = :campaign and state = 'SETTLED'
                        group by phone_type""")
                .param("phone", phone).param("day", localDay).param("code", completionCode)
                .param("contact", contactId).param("campaign", campaignId)
                .query(rs -> {
                    byType.merge(rs.getString(1) == null ? "" : rs.getString(1), rs.getInt(2), Integer::sum);
                    totals[0] += rs.getInt(2);
                    totals[1] += rs.getInt(3);
                    totals[2] += rs.getInt(4);
                    totals[3] += rs.getInt(5);
                    Timestamp settled = rs.getTimestamp(6);
                    Instant at = settled == null ? null : settled.toInstant();
                    if (at != null && (first[0] == null || at.isBefore(first[0]))) {
                        first[0] = at;
                    }
                });
        return new AttemptCounts(totals[0], totals[1], totals[2], totals[3], Map.copyOf(byType), first[0]);
    }

    /** How many requests of each campaign are due now (what {@link #take} would find), by campaign id. */
    @Transactional(readOnly = true)
    public Map<Long, Integer> due(Instant now) {
        Map<Long, Integer> due = new HashMap<>();
        jdbc.sql("""
                        select campaign_id, count(*) from dial_request
                        where state = 'QUEUED' and due_at <= :now and (window_end is null or window_end > :now) and not dry_run
                          and for_operator is null
                        group by campaign_id""")
                .param("now", Timestamp.from(now))
                .query(rs -> {
                    due.put(rs.getLong(1), rs.getInt(2));
                });
        return due;
    }

    /**
     * The operators (user names, lower case) that due PERSONAL callback requests wait for, with the campaigns
     * those wait in: what {@link #takePersonal} would find.
     */
    @Transactional(readOnly = true)
    public Map<String, Set<Long>> personalDue(Instant now) {
        Map<String, Set<Long>> due = new HashMap<>();
        jdbc.sql("""
                        select distinct lower(for_operator), campaign_id from dial_request
                        where state = 'QUEUED' and for_operator is not null and due_at <= :now
                          and (window_end is null or window_end > :now) and not dry_run""")
                .param("now", Timestamp.from(now))
                .query(rs -> {
                    due.computeIfAbsent(rs.getString(1), user -> new HashSet<>()).add(rs.getLong(2));
                });
        return due;
    }

    /**
     * Takes the earliest due PERSONAL callback request of an operator in one of the campaigns (for dialling:
     * DIALING), or none.
     */
    @Transactional
    public Optional<DialAttempt> takePersonal(String operator, Collection<Long> campaignIds, Instant now) {
        if (campaignIds.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        update dial_request set state = 'DIALING', taken_at = :now where id = (
                            select id from dial_request
                            where lower(for_operator) = lower(:operator) and campaign_id in (:campaigns)
                              and state = 'QUEUED' and due_at <= :now and (window_end is null or window_end > :now)
                              and not dry_run
                            order by due_at, id limit 1 for update skip locked)
                        returning""" + " " + COLUMNS)
                .param("now", Timestamp.from(now)).param("operator", operator).param("campaigns", campaignIds)
                .query(DialQueue::attempt).optional();
    }

    /** How many requests of a campaign wait in the queue. */
    public long queued(long campaignId) {
        return jdbc.sql("select count(*) from dial_request where campaign_id = :campaign and state = 'QUEUED'")
                .param("campaign", campaignId).query(Long.class).single();
    }

    private static DialAttempt attempt(ResultSet rs, int row) throws SQLException {
        Timestamp windowEnd = rs.getTimestamp(10);
        Timestamp settled = rs.getTimestamp(13);
        String outcome = rs.getString(11);
        return new DialAttempt(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), DialAttempt.State.valueOf(rs.getString(8)), rs.getTimestamp(9).toInstant(),
                windowEnd == null ? null : windowEnd.toInstant(), outcome == null ? null : OutcomeCategory.valueOf(outcome),
                rs.getString(12), settled == null ? null : settled.toInstant(), rs.getBoolean(14),
                rs.getObject(15, Long.class), rs.getString(16));
    }
}
