package org.dozvon.webhooks;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code webhook_subscription}. */
@Repository
class SubscriptionStore {

    private static final String COLUMNS = "id, name, url, secret, event_types, campaign_id, active, created_at, updated_at";

    private final JdbcClient jdbc;

    SubscriptionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String name, String url, String sealedSecret, Set<EventType> types, Long campaignId, boolean active,
                Instant now) {
        return jdbc.sql("""
                        insert into webhook_subscription (name, url, secret, event_types, campaign_id, active, created_at,
                                                          updated_at)
                        values (:name, :url, :secret, cast(:types as varchar[]), :campaign, :active, :now, :now)
                        returning id""")
                .param("name", name).param("url", url).param("secret", sealedSecret).param("types", codes(types))
                .param("campaign", campaignId).param("active", active).param("now", Timestamp.from(now))
                .query(Long.class).single();
    }

    /** Changes everything but the secret, and the secret too when one is given. */
    void update(long id, String name, String url, String sealedSecret, Set<EventType> types, Long campaignId,
                boolean active, Instant now) {
        jdbc.sql("""
                        update webhook_subscription set name = :name, url = :url, secret = coalesce(:secret, secret),
                               event_types = cast(:types as varchar[]), campaign_id = :campaign, active = :active,
                               updated_at = :now
                        where id = :id""")
                .param("name", name).param("url", url).param("secret", sealedSecret).param("types", codes(types))
                .param("campaign", campaignId).param("active", active).param("now", Timestamp.from(now))
                .param("id", id).update();
    }

    boolean delete(long id) {
        return jdbc.sql("delete from webhook_subscription where id = :id").param("id", id).update() == 1;
    }

    Optional<Subscription> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_subscription where id = :id").param("id", id)
                .query(SubscriptionStore::subscription).optional();
    }

    /** Every subscription by name (the portal's list). */
    List<Subscription> all() {
        return jdbc.sql("select " + COLUMNS + " from webhook_subscription order by lower(name), id")
                .query(SubscriptionStore::subscription).list();
    }

    /** A page by id after {@code afterId}, optionally only active ones or those of one campaign. */
    List<Subscription> page(Long afterId, int limit, Boolean active, Long campaignId) {
        return jdbc.sql("select " + COLUMNS + " from webhook_subscription"
                        + " where id > :after and (cast(:active as boolean) is null or active = :active)"
                        + " and (cast(:campaign as bigint) is null or campaign_id = :campaign) order by id limit :limit")
                .param("after", afterId == null ? 0 : afterId).param("active", active).param("campaign", campaignId)
                .param("limit", limit).query(SubscriptionStore::subscription).list();
    }

    /** The active subscriptions: what an event is matched against (a handful of rows). */
    List<Subscription> active() {
        return jdbc.sql("select " + COLUMNS + " from webhook_subscription where active order by id")
                .query(SubscriptionStore::subscription).list();
    }

    boolean nameTaken(String name, Long exceptId) {
        return jdbc.sql("select exists (select 1 from webhook_subscription where lower(name) = lower(:name)"
                        + " and id <> :except)")
                .param("name", name).param("except", exceptId == null ? 0 : exceptId).query(Boolean.class).single();
    }

    private static String[] codes(Collection<EventType> types) {
        return types.stream().map(EventType::code).toArray(String[]::new);
    }

    private static Subscription subscription(ResultSet rs, int row) throws SQLException {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        Array array = rs.getArray(5);
        for (String code : (String[]) array.getArray()) {
            EventType.ofCode(code).ifPresent(types::add);
        }
        Long campaignId = rs.getObject(6, Long.class);
        return new Subscription(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), types, campaignId,
                rs.getBoolean(7), rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant());
    }

    /** Deliveries waiting and failed, per subscription (those with none are absent). */
    Map<Long, DeliveryCounts> counts() {
        Map<Long, DeliveryCounts> counts = new HashMap<>();
        // two partial indexes: the delivered rows, nearly all of them, are never read
        jdbc.sql("""
                        select subscription_id, state, count(*) from webhook_delivery where state = 'PENDING'
                        group by subscription_id, state
                        union all
                        select subscription_id, state, count(*) from webhook_delivery where state = 'FAILED'
                        group by subscription_id, state""")
                .query(rs -> {
                    DeliveryCounts known = counts.getOrDefault(rs.getLong(1), DeliveryCounts.NONE);
                    counts.put(rs.getLong(1), rs.getString(2).equals("PENDING")
                            ? new DeliveryCounts(rs.getLong(3), known.failed())
                            : new DeliveryCounts(known.pending(), rs.getLong(3)));
                });
        return counts;
    }

    record DeliveryCounts(long pending, long failed) {
        static final DeliveryCounts NONE = new DeliveryCounts(0, 0);
    }
}
