package org.dozvon.strategy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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

    /** Records the processes started for contacts (contact id → process instance id), in one statement. */
    void started(long campaignId, Map<Long, String> processInstanceIds) {
        if (processInstanceIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update campaign_contact c set process_instance_id = s.pi
                        from unnest(cast(:contacts as bigint[]), cast(:pis as varchar[])) as s (contact, pi)
                        where c.campaign_id = :campaign and c.contact_id = s.contact""")
                .param("contacts", processInstanceIds.entrySet().stream().map(Map.Entry::getKey).toArray(Long[]::new))
                .param("pis", processInstanceIds.entrySet().stream().map(Map.Entry::getValue).toArray(String[]::new))
                .param("campaign", campaignId).update();
    }

    /**
     * The contact's state and next dial time, unless it has finished. Inside a transaction, this and
     * {@link #attempted} and {@link #finished} are kept and written together just before it commits: a step
     * changes the same row two or three times, and an intake batch hundreds of rows.
     */
    void state(long campaignId, long contactId, State state, Instant nextDialAt) {
        Changes changes = pending(campaignId, contactId);
        if (changes == null) {
            jdbc.sql("update campaign_contact set state = :state, next_dial_at = :next where campaign_id = :campaign"
                            + " and contact_id = :contact and state <> 'FINISHED'")
                    .param("state", state.name()).param("next", nextDialAt == null ? null : Timestamp.from(nextDialAt))
                    .param("campaign", campaignId).param("contact", contactId).update();
        } else if (changes.finalStatus == null) {
            changes.state = state;
            changes.nextDialAt = nextDialAt;
        }
    }

    void attempted(long campaignId, long contactId, int attempts, Instant firstAttemptAt) {
        Changes changes = pending(campaignId, contactId);
        if (changes == null) {
            jdbc.sql("update campaign_contact set attempts = :attempts, first_attempt_at = :first where campaign_id = :campaign"
                            + " and contact_id = :contact")
                    .param("attempts", attempts).param("first", firstAttemptAt == null ? null : Timestamp.from(firstAttemptAt))
                    .param("campaign", campaignId).param("contact", contactId).update();
        } else {
            changes.attempts = attempts;
            changes.firstAttemptAt = firstAttemptAt;
        }
    }

    void finished(long campaignId, long contactId, FinalStatus status, Instant now) {
        Changes changes = pending(campaignId, contactId);
        if (changes == null) {
            jdbc.sql("update campaign_contact set state = 'FINISHED', final_status = :status, finished_at = :now,"
                            + " next_dial_at = null where campaign_id = :campaign and contact_id = :contact")
                    .param("status", status.name()).param("now", Timestamp.from(now))
                    .param("campaign", campaignId).param("contact", contactId).update();
        } else {
            changes.state = null;
            changes.finalStatus = status;
            changes.finishedAt = now;
        }
    }

    /** A row's changes in this transaction; null outside a transaction (then each change is written at once). */
    private Changes pending(long campaignId, long contactId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<List<Long>, Changes> rows = (Map<List<Long>, Changes>) TransactionSynchronizationManager.getResource(this);
        if (rows == null) {
            Map<List<Long>, Changes> fresh = new LinkedHashMap<>();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResourceIfPossible(CampaignContacts.this);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(CampaignContacts.this, fresh);
                }

                @Override
                public void beforeCommit(boolean readOnly) {
                    write(fresh);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(CampaignContacts.this);
                }
            });
            rows = fresh;
        }
        return rows.computeIfAbsent(List.of(campaignId, contactId), key -> new Changes());
    }

    /**
     * Writes the kept changes, one statement per campaign: a finish always applies; a state only to a row not
     * finished before; attempts always.
     */
    private void write(Map<List<Long>, Changes> rows) {
        Map<Long, List<Map.Entry<List<Long>, Changes>>> byCampaign = new LinkedHashMap<>();
        rows.entrySet().forEach(row -> byCampaign.computeIfAbsent(row.getKey().get(0), k -> new ArrayList<>()).add(row));
        rows.clear();
        byCampaign.forEach((campaignId, changes) -> jdbc.sql("""
                        update campaign_contact c set
                            state = case when s.final_status is not null then 'FINISHED'
                                         when s.state is not null and c.state <> 'FINISHED' then s.state else c.state end,
                            next_dial_at = case when s.final_status is not null then null
                                                when s.state is not null and c.state <> 'FINISHED' then s.next
                                                else c.next_dial_at end,
                            final_status = coalesce(s.final_status, c.final_status),
                            finished_at = case when s.final_status is not null then s.finished_at else c.finished_at end,
                            attempts = coalesce(s.attempts, c.attempts),
                            first_attempt_at = case when s.attempts is not null then s.first_attempt_at else c.first_attempt_at end
                        from unnest(cast(:contacts as bigint[]), cast(:states as varchar[]), cast(:nexts as timestamptz[]),
                                    cast(:statuses as varchar[]), cast(:finished as timestamptz[]), cast(:attempts as int[]),
                                    cast(:firsts as timestamptz[]))
                             as s (contact_id, state, next, final_status, finished_at, attempts, first_attempt_at)
                        where c.campaign_id = :campaign and c.contact_id = s.contact_id""")
                .param("campaign", campaignId)
                .param("contacts", changes.stream().map(row -> row.getKey().get(1)).toArray(Long[]::new))
                .param("states", texts(changes, c -> c.state == null ? null : c.state.name()))
                .param("nexts", texts(changes, c -> c.nextDialAt))
                .param("statuses", texts(changes, c -> c.finalStatus == null ? null : c.finalStatus.name()))
                .param("finished", texts(changes, c -> c.finishedAt))
                .param("attempts", changes.stream().map(row -> row.getValue().attempts).toArray(Integer[]::new))
                .param("firsts", texts(changes, c -> c.firstAttemptAt))
                .update());
    }

    private static String[] texts(List<Map.Entry<List<Long>, Changes>> rows, Function<Changes, Object> value) {
        return rows.stream().map(row -> value.apply(row.getValue())).map(v -> v == null ? null : v.toString())
                .toArray(String[]::new);
    }

    /** Changes to one row: null fields are not changed. */
    private static final class Changes {
        State state;
        Instant nextDialAt;
        Integer attempts;
        Instant firstAttemptAt;
        FinalStatus finalStatus;
        Instant finishedAt;
    }

    /** One contact's row in one campaign, as written (changes kept for the end of this transaction not included). */
    record Row(long campaignId, long contactId, String processInstanceId, State state, FinalStatus finalStatus,
               Instant nextDialAt, int attempts, Instant firstAttemptAt, Instant startedAt, Instant finishedAt) {
    }

    private static final String ROW = """
            select campaign_id, contact_id, process_instance_id, state, final_status, next_dial_at, attempts,
                   first_attempt_at, started_at, finished_at from campaign_contact""";

    /** The contact's rows in every campaign that has taken it, by campaign. */
    List<Row> ofContact(long contactId) {
        return jdbc.sql(ROW + " where contact_id = :contact order by campaign_id").param("contact", contactId)
                .query(CampaignContacts::row).list();
    }

    Optional<Row> row(long campaignId, long contactId) {
        return jdbc.sql(ROW + " where campaign_id = :campaign and contact_id = :contact")
                .param("campaign", campaignId).param("contact", contactId).query(CampaignContacts::row).optional();
    }

    /** Whether the contact's processing in the campaign has ended (as written). */
    boolean isFinished(long campaignId, long contactId) {
        return jdbc.sql("select exists (select 1 from campaign_contact where campaign_id = :campaign"
                        + " and contact_id = :contact and state = 'FINISHED')")
                .param("campaign", campaignId).param("contact", contactId).query(Boolean.class).single();
    }

    /**
     * Finishes a contact a campaign has not taken, so that it never takes it (its intake claims only contacts without
     * a row). False when the campaign has a row for it already (taken meanwhile, or finished).
     */
    boolean finishUntaken(long campaignId, long contactId, FinalStatus status, Instant now) {
        return jdbc.sql("""
                        insert into campaign_contact (campaign_id, contact_id, state, final_status, started_at, finished_at)
                        values (:campaign, :contact, 'FINISHED', :status, :now, :now) on conflict do nothing""")
                .param("campaign", campaignId).param("contact", contactId).param("status", status.name())
                .param("now", Timestamp.from(now)).update() == 1;
    }

    private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String finalStatus = rs.getString(5);
        return new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), State.valueOf(rs.getString(4)),
                finalStatus == null ? null : FinalStatus.valueOf(finalStatus), instant(rs.getTimestamp(6)), rs.getInt(7),
                instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
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
