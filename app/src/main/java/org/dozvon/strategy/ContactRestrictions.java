package org.dozvon.strategy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Tables {@code contact_hold} and {@code phone_block}: contacts a strategy does not dial until a moment (or until
 * released), and numbers it does not dial at all. The planning reads both in one statement.
 */
@Repository
class ContactRestrictions {

    private static final String BLOCK_COLUMNS = "id, number, contact_id, campaign_id, reason, created_at, created_by";

    private final JdbcClient jdbc;

    ContactRestrictions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A hold: in one campaign, or every campaign (campaignId null); until a moment, or until released (until null). */
    record Hold(long contactId, Long campaignId, Instant until, String reason, Instant createdAt, String createdBy) {
    }

    /** What holds mean in one campaign: held until released, postponed until a moment, or neither. */
    record HoldState(boolean indefinite, Instant until) {

        static final HoldState NONE = new HoldState(false, null);

        static HoldState of(Collection<Hold> holds, long campaignId, Instant now) {
            boolean indefinite = false;
            Instant until = null;
            for (Hold hold : holds) {
                if (hold.campaignId() != null && hold.campaignId() != campaignId) {
                    continue;
                }
                if (hold.until() == null) {
                    indefinite = true;
                } else if (hold.until().isAfter(now) && (until == null || hold.until().isAfter(until))) {
                    until = hold.until();
                }
            }
            return indefinite ? new HoldState(true, null) : until == null ? NONE : new HoldState(false, until);
        }

        ContactStatus status() {
            return indefinite ? ContactStatus.ON_HOLD : until != null ? ContactStatus.POSTPONED : ContactStatus.ACTIVE;
        }
    }

    /** What the planning of one step must respect: the contact's holds in the campaign and its blocked numbers. */
    record ForPlan(HoldState hold, Set<String> blockedNumbers) {
    }

    ForPlan forPlan(long campaignId, long contactId, Collection<String> numbers, Instant now) {
        return jdbc.sql("""
                        select exists (select 1 from contact_hold h where h.contact_id = :contact
                                         and (h.campaign_id is null or h.campaign_id = :campaign) and h.until is null),
                               (select max(h.until) from contact_hold h where h.contact_id = :contact
                                  and (h.campaign_id is null or h.campaign_id = :campaign) and h.until > :now),
                               array(select distinct b.number from phone_block b
                                     where b.number = any(cast(:numbers as varchar[]))
                                       and (b.contact_id is null or b.contact_id = :contact)
                                       and (b.campaign_id is null or b.campaign_id = :campaign))""")
                .param("numbers", numbers.toArray(String[]::new)).param("contact", contactId).param("campaign", campaignId)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> {
                    boolean indefinite = rs.getBoolean(1);
                    Timestamp until = rs.getTimestamp(2);
                    HoldState hold = indefinite ? new HoldState(true, null)
                            : until == null ? HoldState.NONE : new HoldState(false, until.toInstant());
                    return new ForPlan(hold, Set.of((String[]) rs.getArray(3).getArray()));
                }).single();
    }

    // ---- holds

    void hold(long contactId, Long campaignId, Instant until, String reason, String by, Instant now) {
        jdbc.sql("""
                        insert into contact_hold (contact_id, campaign_id, until, reason, created_at, created_by)
                        values (:contact, :campaign, :until, :reason, :now, :by)
                        on conflict (contact_id, coalesce(campaign_id, 0)) do update
                            set until = excluded.until, reason = excluded.reason, created_at = excluded.created_at,
                                created_by = excluded.created_by""")
                .param("contact", contactId).param("campaign", campaignId)
                .param("until", until == null ? null : Timestamp.from(until)).param("reason", reason)
                .param("now", Timestamp.from(now)).param("by", by).update();
    }

    /** Removes the contact's hold in one campaign, or all its holds (campaignId null); answers how many. */
    int release(long contactId, Long campaignId) {
        return jdbc.sql("delete from contact_hold where contact_id = :contact"
                        + " and (cast(:campaign as bigint) is null or campaign_id = :campaign)")
                .param("contact", contactId).param("campaign", campaignId).update();
    }

    List<Hold> holdsOf(long contactId) {
        return jdbc.sql("select contact_id, campaign_id, until, reason, created_at, created_by from contact_hold"
                        + " where contact_id = :contact order by id")
                .param("contact", contactId)
                .query((rs, n) -> new Hold(rs.getLong(1), (Long) rs.getObject(2), instant(rs.getTimestamp(3)),
                        rs.getString(4), instant(rs.getTimestamp(5)), rs.getString(6)))
                .list();
    }

    // ---- phone blocks

    /** Blocks a number (of one contact or anyone, in one campaign or all); a block already there gets the new reason. */
    PhoneBlock block(String number, Long contactId, Long campaignId, String reason, String by, Instant now) {
        return jdbc.sql("""
                        insert into phone_block (number, contact_id, campaign_id, reason, created_at, created_by)
                        values (:number, :contact, :campaign, :reason, :now, :by)
                        on conflict (number, coalesce(contact_id, 0), coalesce(campaign_id, 0)) do update
                            set reason = coalesce(excluded.reason, phone_block.reason)
                        returning """ + " " + BLOCK_COLUMNS)
                .param("number", number).param("contact", contactId).param("campaign", campaignId)
                .param("reason", reason).param("now", Timestamp.from(now)).param("by", by)
                .query(ContactRestrictions::block).single();
    }

    /** Removes a contact's blocks of a number: in one campaign, or in every scope (campaignId null); how many. */
    int unblock(String number, long contactId, Long campaignId) {
        return jdbc.sql("delete from phone_block where number = :number and contact_id = :contact"
                        + " and (cast(:campaign as bigint) is null or campaign_id = :campaign)")
                .param("number", number).param("contact", contactId).param("campaign", campaignId).update();
    }

    boolean removeBlock(long id) {
        return jdbc.sql("delete from phone_block where id = :id").param("id", id).update() == 1;
    }

    Optional<PhoneBlock> findBlock(long id) {
        return jdbc.sql("select " + BLOCK_COLUMNS + " from phone_block where id = :id").param("id", id)
                .query(ContactRestrictions::block).optional();
    }

    /** Blocks by id after {@code afterId} (a keyset page), of a number, a campaign, a contact (each null: any). */
    List<PhoneBlock> blocks(String number, Long campaignId, Long contactId, Long afterId, int limit) {
        return jdbc.sql("select " + BLOCK_COLUMNS + """
                         from phone_block
                        where (cast(:number as varchar) is null or number = :number)
                          and (cast(:campaign as bigint) is null or campaign_id = :campaign)
                          and (cast(:contact as bigint) is null or contact_id = :contact)
                          and (cast(:after as bigint) is null or id > :after)
                        order by id limit :limit""")
                .param("number", number).param("campaign", campaignId).param("contact", contactId).param("after", afterId)
                .param("limit", limit).query(ContactRestrictions::block).list();
    }

    /** The blocks that apply to a contact's numbers: its own, and those of the numbers whoever has them. */
    List<PhoneBlock> blocksOf(long contactId, Collection<String> numbers) {
        if (numbers.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + BLOCK_COLUMNS + " from phone_block where number = any(cast(:numbers as varchar[]))"
                        + " and (contact_id is null or contact_id = :contact) order by id")
                .param("numbers", numbers.toArray(String[]::new)).param("contact", contactId)
                .query(ContactRestrictions::block).list();
    }

    private static PhoneBlock block(ResultSet rs, int row) throws SQLException {
        return new PhoneBlock(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3), (Long) rs.getObject(4),
                rs.getString(5), instant(rs.getTimestamp(6)), rs.getString(7));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
