package org.dozvon.strategy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tables {@code campaign_contact} and {@code campaign_intake}: each contact's progress in a campaign. */
@Repository
class CampaignContacts {

    enum State { WAITING, QUEUED, NOTIFYING, FINISHED }

    private final JdbcClient jdbc;

    CampaignContacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims contacts for a campaign; answers the ones that were not claimed before, in the given order. */
    List<Long> claim(long campaignId, List<Long> contactIds, Instant now) {
        if (contactIds.isEmpty()) {
            return List.of();
        }
        List<Long> claimed = jdbc.sql("""
                        insert into campaign_contact (campaign_id, contact_id, started_at)
                        select :campaign, id, :now from unnest(cast(:ids as bigint[])) as id
                        on conflict do nothing returning contact_id""")
                .param("campaign", campaignId).param("now", Timestamp.from(now))
                .param("ids", contactIds.toArray(Long[]::new))
                .query(Long.class).list();
        java.util.Set<Long> fresh = new java.util.HashSet<>(claimed);
        return contactIds.stream().filter(fresh::contains).toList();
    }

    void started(long campaignId, long contactId, String processInstanceId) {
        jdbc.sql("update campaign_contact set process_instance_id = :pi where campaign_id = :campaign and contact_id = :contact")
                .param("pi", processInstanceId).param("campaign", campaignId).param("contact", contactId).update();
    }

    void state(long campaignId, long contactId, State state, Instant nextDialAt) {
        jdbc.sql("update campaign_contact set state = :state, next_dial_at = :next where campaign_id = :campaign"
                        + " and contact_id = :contact and state <> 'FINISHED'")
                .param("state", state.name()).param("next", nextDialAt == null ? null : Timestamp.from(nextDialAt))
                .param("campaign", campaignId).param("contact", contactId).update();
    }

    void attempted(long campaignId, long contactId, int attempts, Instant firstAttemptAt) {
        jdbc.sql("update campaign_contact set attempts = :attempts, first_attempt_at = :first where campaign_id = :campaign"
                        + " and contact_id = :contact")
                .param("attempts", attempts).param("first", firstAttemptAt == null ? null : Timestamp.from(firstAttemptAt))
                .param("campaign", campaignId).param("contact", contactId).update();
    }

    void finished(long campaignId, long contactId, FinalStatus status, Instant now) {
        jdbc.sql("update campaign_contact set state = 'FINISHED', final_status = :status, finished_at = :now,"
                        + " next_dial_at = null where campaign_id = :campaign and contact_id = :contact")
                .param("status", status.name()).param("now", Timestamp.from(now))
                .param("campaign", campaignId).param("contact", contactId).update();
    }

    /** Process instances of a campaign's contacts that are not finished. */
    List<String> openProcesses(long campaignId, Collection<State> states) {
        return jdbc.sql("select process_instance_id from campaign_contact where campaign_id = :campaign"
                        + " and state in (:states) and process_instance_id is not null")
                .param("campaign", campaignId).param("states", states.stream().map(Enum::name).toList())
                .query(String.class).list();
    }

    boolean anyOpen(long campaignId) {
        return jdbc.sql("select exists (select 1 from campaign_contact where campaign_id = :campaign and state <> 'FINISHED')")
                .param("campaign", campaignId).query(Boolean.class).single();
    }

    /** Contacts stopped with their campaign get another chance when it starts again. */
    int forgetStopped(long campaignId) {
        return jdbc.sql("delete from campaign_contact where campaign_id = :campaign and final_status = 'CAMPAIGN_STOPPED'")
                .param("campaign", campaignId).update();
    }

    /** A campaign's contacts by state, and the finished ones by final status (state FINISHED is split up). */
    Map<String, Long> summary(long campaignId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("select coalesce(final_status, state), count(*) from campaign_contact where campaign_id = :campaign"
                        + " group by 1 order by 1")
                .param("campaign", campaignId)
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    Optional<Instant> nextDialAt(long campaignId) {
        return jdbc.sql("select min(next_dial_at) from campaign_contact where campaign_id = :campaign and state = 'WAITING'")
                .param("campaign", campaignId).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    // --- intake ---------------------------------------------------------------------------------

    record Intake(long campaignId, long lastContactId, String cursor, boolean walked, long started) {
    }

    /** Locks (creating it if needed) a campaign's intake row; empty when another thread holds it. */
    Optional<Intake> lockIntake(long campaignId, Instant now) {
        jdbc.sql("insert into campaign_intake (campaign_id, updated_at) values (:campaign, :now) on conflict do nothing")
                .param("campaign", campaignId).param("now", Timestamp.from(now)).update();
        return jdbc.sql("select campaign_id, last_contact_id, cursor, done, started from campaign_intake"
                        + " where campaign_id = :campaign for update skip locked")
                .param("campaign", campaignId)
                .query((rs, n) -> new Intake(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4), rs.getLong(5)))
                .optional();
    }

    void saveIntake(long campaignId, long lastContactId, String cursor, boolean walked, long startedNow, Instant now) {
        jdbc.sql("update campaign_intake set last_contact_id = :last, cursor = :cursor, done = :done,"
                        + " started = started + :started, updated_at = :now where campaign_id = :campaign")
                .param("last", lastContactId).param("cursor", cursor).param("done", walked).param("started", startedNow)
                .param("now", Timestamp.from(now)).param("campaign", campaignId).update();
    }

    void resetIntake(long campaignId) {
        jdbc.sql("delete from campaign_intake where campaign_id = :campaign").param("campaign", campaignId).update();
    }

    long maxContactId(Collection<Long> listIds) {
        if (listIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("select coalesce(max(id), 0) from contact where list_id in (:lists)")
                .param("lists", listIds).query(Long.class).single();
    }
}
