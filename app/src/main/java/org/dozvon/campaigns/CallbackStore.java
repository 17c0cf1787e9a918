package org.dozvon.campaigns;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Callbacks in PostgreSQL. The status of an open callback is computed from the window and "now"
 * when read, so that a reader never sees a stale PENDING; {@link #sweep} writes it down.
 */
@Repository
class CallbackStore {

    /** The status as of :now. */
    private static final String STATUS = """
            case when c.status in ('PENDING', 'DUE')
                 then case when c.window_to <= :now then 'EXPIRED' when c.window_from <= :now then 'DUE' else 'PENDING' end
                 else c.status end""";
    private static final String COLUMNS = "c.id, c.contact_id, c.campaign_id, c.phone, c.type, c.operator, c.window_from,"
            + " c.window_to, c.comment, " + STATUS + ", c.created_at, c.created_by, c.closed_at, c.closed_by";

    private final JdbcClient jdbc;

    CallbackStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long contactId, long campaignId, String phone, CallbackType type, String operator, Instant from,
                Instant to, String comment, Instant now, String by) {
        return jdbc.sql("""
                        insert into callback (contact_id, campaign_id, phone, type, operator, window_from, window_to, comment,
                            status, created_at, created_by)
                        values (:contact, :campaign, :phone, :type, :operator, :from, :to, :comment, :status, :now, :by)
                        returning id""")
                .param("contact", contactId).param("campaign", campaignId).param("phone", phone)
                .param("type", type.name()).param("operator", operator)
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).param("comment", comment)
                .param("status", from.isAfter(now) ? "PENDING" : "DUE")
                .param("now", Timestamp.from(now)).param("by", by)
                .query(Long.class).single();
    }

    Optional<Callback> byId(long id, Instant now) {
        return jdbc.sql("select " + COLUMNS + " from callback c where c.id = :id")
                .param("id", id).param("now", Timestamp.from(now)).query(CallbackStore::callback).optional();
    }

    /** Per campaign: open callbacks whose window holds {@code now}, and those whose window opens later. */
    java.util.Map<Long, Callbacks.OpenCount> openCounts(java.util.Collection<Long> campaignIds, Instant now) {
        java.util.Map<Long, Callbacks.OpenCount> counts = new java.util.HashMap<>();
        if (campaignIds.isEmpty()) {
            return counts;
        }
        jdbc.sql("""
                        select c.campaign_id, count(*) filter (where c.window_from <= :now),
                               count(*) filter (where c.window_from > :now)
                          from callback c
                         where c.campaign_id in (:campaigns) and c.status in ('PENDING', 'DUE') and c.window_to > :now
                         group by c.campaign_id""")
                .param("campaigns", campaignIds).param("now", Timestamp.from(now))
                .query(rs -> {
                    counts.put(rs.getLong(1), new Callbacks.OpenCount(rs.getLong(2), rs.getLong(3)));
                });
        return counts;
    }

    /** Open callbacks whose window holds {@code now}, earliest window first. */
    List<Callback> due(Instant now, Long campaignId, int limit) {
        return due(now, campaignId, null, 0, limit);
    }

    /** As {@link #due(Instant, Long, int)}, after the keyset position ({@code afterFrom}, {@code afterId}) when given. */
    List<Callback> due(Instant now, Long campaignId, Instant afterFrom, long afterId, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                         from callback c
                        where c.status in ('PENDING', 'DUE') and c.window_from <= :now and c.window_to > :now
                          and (cast(:campaign as bigint) is null or c.campaign_id = :campaign)
                          and (cast(:afterFrom as timestamptz) is null or (c.window_from, c.id) > (:afterFrom, :afterId))
                        order by c.window_from, c.id limit :limit""")
                .param("now", Timestamp.from(now)).param("campaign", campaignId)
                .param("afterFrom", afterFrom == null ? null : Timestamp.from(afterFrom)).param("afterId", afterId)
                .param("limit", limit)
                .query(CallbackStore::callback).list();
    }

    /**
     * The open callback of a contact in a campaign whose window holds {@code at} or opens first after it, if any.
     */
    Optional<Callback> openFor(long contactId, long campaignId, Instant at) {
        return jdbc.sql("select " + COLUMNS + """
                         from callback c
                        where c.contact_id = :contact and c.campaign_id = :campaign and c.status in ('PENDING', 'DUE')
                          and c.window_to > :now
                        order by c.window_from, c.id limit 1""")
                .param("contact", contactId).param("campaign", campaignId).param("now", Timestamp.from(at))
                .query(CallbackStore::callback).optional();
    }

    Optional<Callback> ofAttempt(long attemptId, Instant now) {
        return jdbc.sql("select " + COLUMNS + " from callback c where c.attempt_id = :attempt order by c.id limit 1")
                .param("attempt", attemptId).param("now", Timestamp.from(now)).query(CallbackStore::callback).optional();
    }

    /** An operator's open PERSONAL callbacks (by user name), earliest window first. */
    List<Callback> personal(String operator, Instant now, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                         from callback c
                        where lower(c.operator) = lower(:operator) and c.status in ('PENDING', 'DUE') and c.window_to > :now
                        order by c.window_from, c.id limit :limit""")
                .param("operator", operator).param("now", Timestamp.from(now)).param("limit", limit)
                .query(CallbackStore::callback).list();
    }

    /** Marks an open callback DONE by the call attempt calling back; false when it was not open any more. */
    boolean called(long id, long attemptId, Instant now) {
        return jdbc.sql("""
                        update callback set status = 'DONE', closed_at = :now, closed_by = 'dialing', attempt_id = :attempt
                        where id = :id and status in ('PENDING', 'DUE')""")
                .param("now", Timestamp.from(now)).param("attempt", attemptId).param("id", id).update() == 1;
    }

    /** Closes an open callback; false when it was not open (any more) at {@code now}. */
    boolean close(long id, CallbackStatus status, Instant now, String by) {
        return jdbc.sql("""
                        update callback set status = :status, closed_at = :now, closed_by = :by
                        where id = :id and status in ('PENDING', 'DUE') and window_to > :now""")
                .param("status", status.name()).param("now", Timestamp.from(now)).param("by", by).param("id", id)
                .update() == 1;
    }

    /** Writes down the status of open callbacks as of {@code now}; returns how many changed. */
    int sweep(Instant now) {
        return jdbc.sql("""
                        update callback set status = case when window_to <= :now then 'EXPIRED' else 'DUE' end,
                            closed_at = case when window_to <= :now then window_to end
                        where status in ('PENDING', 'DUE') and window_from <= :now
                          and (window_to <= :now or status = 'PENDING')""")
                .param("now", Timestamp.from(now)).update();
    }

    /**
     * A page of callbacks, latest window first, after the keyset position ({@code beforeFrom},
     * {@code beforeId}) when given.
     */
    List<Callback> find(CallbackFilter filter, Instant now, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from callback c where true");
        if (filter.status() != null) {
            sql.append(" and (").append(STATUS).append(") = :status");
        }
        if (filter.operator() != null) {
            sql.append(" and lower(c.operator) = lower(:operator)");
        }
        if (filter.campaignId() != null) {
            sql.append(" and c.campaign_id = :campaign");
        }
        if (filter.contactId() != null) {
            sql.append(" and c.contact_id = :contact");
        }
        if (filter.windowFrom() != null) {
            sql.append(" and c.window_from >= :fromDay");
        }
        if (filter.windowTo() != null) {
            sql.append(" and c.window_from < :toDay");
        }
        if (filter.beforeFrom() != null) {
            sql.append(" and (c.window_from, c.id) < (:beforeFrom, :beforeId)");
        }
        sql.append(" order by c.window_from desc, c.id desc limit :limit");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("now", Timestamp.from(now)).param("limit", limit);
        if (filter.status() != null) {
            statement = statement.param("status", filter.status().name());
        }
        if (filter.operator() != null) {
            statement = statement.param("operator", filter.operator());
        }
        if (filter.campaignId() != null) {
            statement = statement.param("campaign", filter.campaignId());
        }
        if (filter.contactId() != null) {
            statement = statement.param("contact", filter.contactId());
        }
        if (filter.windowFrom() != null) {
            statement = statement.param("fromDay", Timestamp.from(filter.windowFrom()));
        }
        if (filter.windowTo() != null) {
            statement = statement.param("toDay", Timestamp.from(filter.windowTo()));
        }
        if (filter.beforeFrom() != null) {
            statement = statement.param("beforeFrom", Timestamp.from(filter.beforeFrom())).param("beforeId", filter.beforeId());
        }
        return statement.query(CallbackStore::callback).list();
    }

    private static Callback callback(ResultSet rs, int n) throws SQLException {
        Timestamp closedAt = rs.getTimestamp(13);
        return new Callback(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                CallbackType.valueOf(rs.getString(5)), rs.getString(6), rs.getTimestamp(7).toInstant(),
                rs.getTimestamp(8).toInstant(), rs.getString(9), CallbackStatus.valueOf(rs.getString(10)),
                rs.getTimestamp(11).toInstant(), rs.getString(12), closedAt == null ? null : closedAt.toInstant(),
                rs.getString(14));
    }

    /**
     * Which callbacks to list; null fields do not filter. {@code windowFrom} (included) and {@code windowTo}
     * (excluded) bound the start of the window (a day, say); {@code beforeFrom} and {@code beforeId} are the keyset position.
     */
    record CallbackFilter(CallbackStatus status, String operator, Long campaignId, Long contactId,
                          Instant windowFrom, Instant windowTo, Instant beforeFrom, Long beforeId) {
    }
}
