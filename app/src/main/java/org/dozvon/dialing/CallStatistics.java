package org.dozvon.dialing;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.dozvon.campaigns.OutcomeCategory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Figures about ended call attempts (the module's API for reports and dashboards). An attempt counts in the hour and
 * the day it ended, in the zone the caller gives; attempts still in progress have no outcome and do not count yet.
 * Every query reads one range of {@code call_attempt}'s end-time index; a campaign id narrows it to one campaign,
 * null means every campaign.
 */
@Service
@Transactional(readOnly = true)
public class CallStatistics {

    private final JdbcClient jdbc;

    CallStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The day's attempts by the hour (0–23, the day's local hours in {@code zone}); all 24 hours are there. */
    public SortedMap<Integer, CallCounts> byHour(LocalDate day, ZoneId zone, Long campaignId) {
        List<Instant> starts = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            starts.add(day.atTime(hour, 0).atZone(zone).toInstant());
        }
        List<CallCounts> slots = counts(starts, day.plusDays(1).atStartOfDay(zone).toInstant(), campaignId);
        SortedMap<Integer, CallCounts> byHour = new TreeMap<>();
        for (int hour = 0; hour < 24; hour++) {
            byHour.put(hour, slots.get(hour));
        }
        return Collections.unmodifiableSortedMap(byHour);
    }

    /** The attempts of each day from {@code from} to {@code to} (both included, days of {@code zone}). */
    public SortedMap<LocalDate, CallCounts> byDay(LocalDate from, LocalDate to, ZoneId zone, Long campaignId) {
        if (to.isBefore(from) || from.plusDays(366).isBefore(to)) {
            throw new IllegalArgumentException("From " + from + " to " + to + ": at most a year, in order");
        }
        List<Instant> starts = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            starts.add(day.atStartOfDay(zone).toInstant());
        }
        List<CallCounts> slots = counts(starts, to.plusDays(1).atStartOfDay(zone).toInstant(), campaignId);
        SortedMap<LocalDate, CallCounts> byDay = new TreeMap<>();
        for (int i = 0; i < slots.size(); i++) {
            byDay.put(from.plusDays(i), slots.get(i));
        }
        return Collections.unmodifiableSortedMap(byDay);
    }

    /** All the attempts that ended from {@code from} (included) to {@code to} (excluded). */
    public CallCounts between(Instant from, Instant to, Long campaignId) {
        return counts(List.of(from), to, campaignId).get(0);
    }

    /**
     * Each operator's calls that ended from {@code from} (included) to {@code to} (excluded), most calls first:
     * calls it was connected on, its talk time, its average wrap-up (a call's end to the settling of its outcome,
     * which the end of the operator's wrap-up does).
     */
    public List<OperatorCalls> byOperator(Instant from, Instant to, Long campaignId) {
        return jdbc.sql("""
                        select a.operator_id, max(a.operator), count(*),
                               coalesce(sum(extract(epoch from a.ended_at - a.bridged_at)), 0),
                               avg(extract(epoch from r.settled_at - a.ended_at))
                                   filter (where r.state = 'SETTLED' and r.settled_at >= a.ended_at)
                        from call_attempt a join dial_request r on r.id = a.dial_request_id
                        where a.ended_at >= :from and a.ended_at < :to
                          and a.operator_id is not null and a.bridged_at is not null
                          and (cast(:campaign as bigint) is null or a.campaign_id = :campaign)
                        group by a.operator_id
                        order by 3 desc, 2""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).param("campaign", campaignId)
                .query((rs, row) -> {
                    double wrapUp = rs.getDouble(5);
                    Duration averageWrapUp = rs.wasNull() ? null : seconds(wrapUp);
                    return new OperatorCalls(rs.getLong(1), rs.getString(2), rs.getLong(3),
                            seconds(rs.getDouble(4)), averageWrapUp);
                })
                .list();
    }

    /** Counts per slot: a slot runs from its start to the next one's, the last to {@code end}. */
    private List<CallCounts> counts(List<Instant> starts, Instant end, Long campaignId) {
        int slots = starts.size();
        List<Map<OutcomeCategory, Long>> byOutcome = new ArrayList<>();
        long[] persons = new long[slots];
        for (int i = 0; i < slots; i++) {
            byOutcome.add(new EnumMap<>(OutcomeCategory.class));
        }
        jdbc.sql("""
                        select width_bucket(ended_at, cast(:starts as timestamptz[])), outcome, count(*),
                               count(*) filter (where waiting_at is not null or outcome = 'ABANDONED')
                        from call_attempt
                        where ended_at >= :from and ended_at < :to and outcome is not null
                          and (cast(:campaign as bigint) is null or campaign_id = :campaign)
                        group by 1, 2""")
                .param("starts", starts.stream().map(Instant::toString).toArray(String[]::new))
                .param("from", Timestamp.from(starts.get(0))).param("to", Timestamp.from(end))
                .param("campaign", campaignId)
                .query(rs -> {
                    int slot = rs.getInt(1) - 1;
                    if (slot < 0 || slot >= slots) {
                        return;
                    }
                    OutcomeCategory category;
                    try {
                        category = OutcomeCategory.valueOf(rs.getString(2));
                    } catch (IllegalArgumentException e) {
                        return;
                    }
                    byOutcome.get(slot).merge(category, rs.getLong(3), Long::sum);
                    persons[slot] += rs.getLong(4);
                });
        List<CallCounts> counts = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            counts.add(new CallCounts(byOutcome.get(i), persons[i]));
        }
        return counts;
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
