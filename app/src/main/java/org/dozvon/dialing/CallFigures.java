package org.dozvon.dialing;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import org.dozvon.campaigns.OutcomeCategory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The live figures of the calls, per campaign and per operator, as the supervisor's monitor shows them. Each method
 * is a few grouped statements over indexes (the queue's, the open calls', the attempts' start time), whatever the
 * number of campaigns.
 */
@Service
public class CallFigures {

    private final JdbcClient jdbc;

    CallFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One campaign's calls now and since the start of the day.
     *
     * @param queued         requests due now, waiting for a line
     * @param dialing        calls placed and not answered yet
     * @param waiting        answered persons waiting for an operator
     * @param talking        calls connected to an operator
     * @param today          calls placed since the day's start that ended, by their outcome (the settled category
     *                       once the strategy has it, else the call's own)
     * @param windowPersons  calls placed within the window that a person answered
     * @param windowAbandons of those, persons who waited for an operator and got none
     */
    public record CampaignCalls(long campaignId, long queued, long dialing, long waiting, long talking,
                                Map<OutcomeCategory, Long> today, long windowPersons, long windowAbandons) {

        public CampaignCalls {
            today = Map.copyOf(today);
        }

        static CampaignCalls none(long campaignId) {
            return new CampaignCalls(campaignId, 0, 0, 0, 0, Map.of(), 0, 0);
        }

        /** Calls of the day that ended. */
        public long todayTotal() {
            return today.values().stream().mapToLong(Long::longValue).sum();
        }

        public long today(OutcomeCategory category) {
            return today.getOrDefault(category, 0L);
        }

        /** Abandoned persons of the window in percent; 0 when nobody answered. */
        public double abandonPercent() {
            return windowPersons == 0 ? 0 : 100.0 * windowAbandons / windowPersons;
        }
    }

    /** An operator's calls since the start of the day: those it talked in, and how long it talked. */
    public record OperatorCalls(long operatorId, long calls, Duration talk) {

        static OperatorCalls none(long operatorId) {
            return new OperatorCalls(operatorId, 0, Duration.ZERO);
        }
    }

    /** Every campaign with calls or queued requests; a campaign without any is absent (see {@link CampaignCalls#none}). */
    public Map<Long, CampaignCalls> campaigns(Instant dayStart, Instant windowStart, Instant now) {
        Map<Long, long[]> counts = new HashMap<>();
        Map<Long, Map<OutcomeCategory, Long>> today = new HashMap<>();
        jdbc.sql("""
                        select campaign_id, count(*) from dial_request
                        where state = 'QUEUED' and due_at <= :now group by campaign_id""")
                .param("now", Timestamp.from(now))
                .query(rs -> {
                    counts.computeIfAbsent(rs.getLong(1), id -> new long[6])[0] = rs.getLong(2);
                });
        jdbc.sql("""
                        select campaign_id,
                               count(*) filter (where answered_at is null),
                               count(*) filter (where answered_at is not null and bridged_at is null),
                               count(*) filter (where bridged_at is not null)
                        from call_attempt where ended_at is null group by campaign_id""")
                .query(rs -> {
                    long[] c = counts.computeIfAbsent(rs.getLong(1), id -> new long[6]);
                    c[1] = rs.getLong(2);
                    c[2] = rs.getLong(3);
                    c[3] = rs.getLong(4);
                });
        jdbc.sql("""
                        select a.campaign_id, coalesce(r.outcome, a.outcome), count(*)
                        from call_attempt a join dial_request r on r.id = a.dial_request_id
                        where a.queued_at >= :day and a.ended_at is not null
                        group by 1, 2""")
                .param("day", Timestamp.from(dayStart))
                .query(rs -> {
                    counts.computeIfAbsent(rs.getLong(1), id -> new long[6]);
                    OutcomeCategory category = category(rs.getString(2));
                    if (category != null) {
                        today.computeIfAbsent(rs.getLong(1), id -> new EnumMap<>(OutcomeCategory.class))
                                .merge(category, rs.getLong(3), Long::sum);
                    }
                });
        jdbc.sql("""
                        select campaign_id,
                               count(*) filter (where answered_at is not null and coalesce(amd_status, '') <> 'MACHINE'),
                               count(*) filter (where waiting_at is not null and bridged_at is null and ended_at is not null)
                        from call_attempt where queued_at >= :window group by campaign_id""")
                .param("window", Timestamp.from(windowStart))
                .query(rs -> {
                    long[] c = counts.computeIfAbsent(rs.getLong(1), id -> new long[6]);
                    c[4] = rs.getLong(2);
                    c[5] = rs.getLong(3);
                });
        Map<Long, CampaignCalls> result = new HashMap<>();
        counts.forEach((id, c) -> result.put(id, new CampaignCalls(id, c[0], c[1], c[2], c[3],
                today.getOrDefault(id, Map.of()), c[4], c[5])));
        return result;
    }

    /** Every operator that talked to a customer since the day's start. */
    public Map<Long, OperatorCalls> operators(Instant dayStart, Instant now) {
        Map<Long, OperatorCalls> result = new HashMap<>();
        jdbc.sql("""
                        select operator_id, count(*),
                               coalesce(sum(extract(epoch from (coalesce(ended_at, :now) - bridged_at))), 0)
                        from call_attempt
                        where queued_at >= :day and operator_id is not null and bridged_at is not null
                        group by operator_id""")
                .param("day", Timestamp.from(dayStart)).param("now", Timestamp.from(now))
                .query(rs -> {
                    result.put(rs.getLong(1), new OperatorCalls(rs.getLong(1), rs.getLong(2),
                            Duration.ofMillis(Math.round(rs.getDouble(3) * 1000))));
                });
        return result;
    }

    private static OutcomeCategory category(String name) {
        try {
            return name == null ? null : OutcomeCategory.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
