package org.dozvon.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code webhook_delivery}: the outbox the events are written to and the delivery log. */
@Repository
class DeliveryStore {

    private static final String COLUMNS = """
            id, subscription_id, event_id, event_type, campaign_id, payload, occurred_at, created_at, state, attempts,
            next_attempt_at, retry_until, last_attempt_at, last_status, last_error, delivered_at""";

    /** A delivery to write: an event for one subscription. */
    record New(long subscriptionId, UUID eventId, EventType type, Long campaignId, String payload, Instant occurredAt) {
    }

    /** A delivery leased for sending; {@code roundAttempts} counts this attempt since it was (re)queued. */
    record Leased(long id, long subscriptionId, UUID eventId, String eventType, String payload, int attempts,
                  int roundAttempts, Instant retryUntil) {
    }

    private final JdbcClient jdbc;

    DeliveryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes deliveries due at once, in the caller's transaction, in one statement; an event already there is kept. */
    void insert(List<New> deliveries, Instant now, Instant retryUntil) {
        if (deliveries.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into webhook_delivery (subscription_id, event_id, event_type, campaign_id, payload, occurred_at,
                                                      created_at, next_attempt_at, retry_until)
                        select s, e, t, c, p, o, :now, :now, :until
                        from unnest(cast(:subscriptions as bigint[]), cast(:events as uuid[]), cast(:types as varchar[]),
                                    cast(:campaigns as bigint[]), cast(:payloads as text[]), cast(:occurred as timestamptz[]))
                             with ordinality as d (s, e, t, c, p, o, n)
                        order by n
                        on conflict (subscription_id, event_id) do nothing""")
                .param("subscriptions", deliveries.stream().map(New::subscriptionId).toArray(Long[]::new))
                .param("events", deliveries.stream().map(d -> d.eventId().toString()).toArray(String[]::new))
                .param("types", deliveries.stream().map(d -> d.type().code()).toArray(String[]::new))
                .param("campaigns", deliveries.stream().map(New::campaignId).toArray(Long[]::new))
                .param("payloads", deliveries.stream().map(New::payload).toArray(String[]::new))
                .param("occurred", deliveries.stream().map(d -> d.occurredAt().toString()).toArray(String[]::new))
                .param("now", Timestamp.from(now)).param("until", Timestamp.from(retryUntil))
                .update();
    }

    /**
     * Leases up to {@code limit} due deliveries of active subscriptions, oldest due first: each counts one more
     * attempt and is not due again before {@code lease} (a sender that dies mid-post leaves it to be tried then).
     */
    List<Leased> lease(Instant now, Instant lease, int limit) {
        return jdbc.sql("""
                        update webhook_delivery d set next_attempt_at = :lease, attempts = attempts + 1,
                               round_attempts = round_attempts + 1
                        where id in (select w.id from webhook_delivery w
                                     where w.state = 'PENDING' and w.next_attempt_at <= :now
                                       and exists (select 1 from webhook_subscription s
                                                   where s.id = w.subscription_id and s.active)
                                     order by w.next_attempt_at, w.id limit :limit
                                     for update of w skip locked)
                        returning id, subscription_id, event_id, event_type, payload, attempts, round_attempts, retry_until""")
                .param("now", Timestamp.from(now)).param("lease", Timestamp.from(lease)).param("limit", limit)
                .query((rs, n) -> new Leased(rs.getLong(1), rs.getLong(2), rs.getObject(3, UUID.class), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getTimestamp(8).toInstant()))
                .list()
                .stream().sorted(java.util.Comparator.comparingLong(Leased::id)).toList();
    }

    void delivered(long id, int status, Instant now) {
        jdbc.sql("""
                        update webhook_delivery set state = 'DELIVERED', next_attempt_at = null, last_attempt_at = :now,
                               last_status = :status, last_error = null, delivered_at = :now
                        where id = :id""")
                .param("now", Timestamp.from(now)).param("status", status).param("id", id).update();
    }

    /** A failed attempt: tried again at {@code next}, or, with no next, FAILED for good. */
    void failedAttempt(long id, Integer status, String error, Instant now, Instant next) {
        jdbc.sql("""
                        update webhook_delivery set state = case when cast(:next as timestamptz) is null then 'FAILED'
                                                                 else 'PENDING' end,
                               next_attempt_at = :next, last_attempt_at = :now, last_status = :status, last_error = :error
                        where id = :id""")
                .param("next", next == null ? null : Timestamp.from(next)).param("now", Timestamp.from(now))
                .param("status", status).param("error", cut(error, 1000)).param("id", id).update();
    }

    /** A leased delivery that was not tried after all: it waits until {@code next} and its lease counts no attempt. */
    void putBack(long id, Instant next) {
        jdbc.sql("""
                        update webhook_delivery set next_attempt_at = :next, attempts = attempts - 1,
                               round_attempts = round_attempts - 1
                        where id = :id and state = 'PENDING'""")
                .param("next", Timestamp.from(next)).param("id", id).update();
    }

    /**
     * Makes a FAILED or DELIVERED delivery PENDING again, due at once, retried until {@code retryUntil}; its attempts so
     * far are kept. False when it is PENDING already or not there.
     */
    boolean redeliver(long id, Instant now, Instant retryUntil) {
        return jdbc.sql("""
                        update webhook_delivery set state = 'PENDING', next_attempt_at = :now, retry_until = :until,
                               round_attempts = 0, delivered_at = null
                        where id = :id and state in ('FAILED', 'DELIVERED')""")
                .param("now", Timestamp.from(now)).param("until", Timestamp.from(retryUntil)).param("id", id)
                .update() == 1;
    }

    Optional<Delivery> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_delivery where id = :id").param("id", id)
                .query(DeliveryStore::delivery).optional();
    }

    /** A subscription's deliveries newest first, below {@code beforeId}, optionally in one state. */
    List<Delivery> page(long subscriptionId, Delivery.State state, Long beforeId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from webhook_delivery where subscription_id = :subscription"
                        + " and (cast(:state as varchar) is null or state = :state) and id < :before"
                        + " order by id desc limit :limit")
                .param("subscription", subscriptionId).param("state", state == null ? null : state.name())
                .param("before", beforeId == null ? Long.MAX_VALUE : beforeId).param("limit", limit)
                .query(DeliveryStore::delivery).list();
    }

    /** Forgets delivered and failed deliveries recorded before {@code before}; answers how many. */
    int purge(Instant before) {
        return jdbc.sql("delete from webhook_delivery where state <> 'PENDING' and created_at < :before")
                .param("before", Timestamp.from(before)).update();
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        long campaign = rs.getLong(5);
        Long campaignId = rs.wasNull() ? null : campaign;
        int status = rs.getInt(14);
        Integer lastStatus = rs.wasNull() ? null : status;
        return new Delivery(rs.getLong(1), rs.getLong(2), rs.getObject(3, UUID.class), rs.getString(4), campaignId,
                rs.getString(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
                Delivery.State.valueOf(rs.getString(9)), rs.getInt(10), instant(rs.getTimestamp(11)),
                instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)), lastStatus, rs.getString(15),
                instant(rs.getTimestamp(16)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
