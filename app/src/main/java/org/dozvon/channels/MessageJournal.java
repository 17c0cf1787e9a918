package org.dozvon.channels;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The journal of sent messages ({@code channel_message}, one row per logical message, and
 * {@code channel_message_attempt}, one row per try). Every write is a transaction of its own
 * (REQUIRES_NEW): the record of a failed attempt must survive the rollback of the caller that throws
 * because of it, and the record of a sent message the rollback of a caller that fails afterwards.
 */
@Repository
class MessageJournal {

    static final int MAX_BODY = 4000;
    static final int MAX_RESPONSE = 2000;
    private static final String COLUMNS = """
            id, channel, template_code, recipient, subject, body, status, attempts, error, campaign_id, contact_id,
            business_key, send_key, test, created_at, updated_at, sent_at""";

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    MessageJournal(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** A message about to be tried: what the journal keeps of it. */
    record Draft(Channel channel, String templateCode, String recipient, String subject, String body,
                 MessageReference reference, boolean test) {
    }

    /**
     * One try of a message. {@code previous} is set when the send key's message was SENT already: nothing
     * is to be sent again.
     */
    record Attempt(long messageId, int number, Message previous) {
    }

    record Message(long id, Channel channel, String templateCode, String recipient, String subject, String body,
                   MessageStatus status, int attempts, String error, Long campaignId, Long contactId,
                   String businessKey, String sendKey, boolean test, Instant createdAt, Instant updatedAt,
                   Instant sentAt) {
    }

    record AttemptRecord(int attempt, MessageStatus status, String error, String response, Instant startedAt,
                         Instant finishedAt) {
    }

    /**
     * Records a new try: a new message, or, for a send key seen before, the next attempt of its message with the
     * newly rendered texts. {@code status} is QUEUED (about to send) or SIMULATED (dry run, finished at once).
     */
    Attempt begin(Draft draft, MessageStatus status) {
        return ownTransaction.execute(tx -> {
            Instant now = clock.instant();
            MessageReference ref = draft.reference();
            List<long[]> row = jdbc.sql("""
                            insert into channel_message (channel, template_code, recipient, subject, body, status, attempts,
                                                         campaign_id, contact_id, business_key, send_key, test,
                                                         created_at, updated_at)
                            values (:channel, :template, :recipient, :subject, :body, :status, 1, :campaign, :contact,
                                    :businessKey, :sendKey, :test, :now, :now)
                            on conflict (send_key) where send_key is not null do update
                                set attempts = channel_message.attempts + 1, status = excluded.status,
                                    recipient = excluded.recipient, subject = excluded.subject, body = excluded.body,
                                    template_code = excluded.template_code, error = null, updated_at = excluded.updated_at
                                where channel_message.status <> 'SENT'
                            returning id, attempts""")
                    .param("channel", draft.channel().name()).param("template", cut(draft.templateCode(), 64))
                    .param("recipient", cut(draft.recipient(), 2000)).param("subject", cut(draft.subject(), 500))
                    .param("body", cut(draft.body(), MAX_BODY)).param("status", status.name())
                    .param("campaign", ref.campaignId()).param("contact", ref.contactId())
                    .param("businessKey", cut(ref.businessKey(), 255)).param("sendKey", cut(ref.sendKey(), 255))
                    .param("test", draft.test()).param("now", Timestamp.from(now))
                    .query((rs, n) -> new long[] {rs.getLong(1), rs.getInt(2)}).list();
            if (row.isEmpty()) {
                Message sent = jdbc.sql("select " + COLUMNS + " from channel_message where send_key = :key")
                        .param("key", cut(ref.sendKey(), 255)).query(MessageJournal::message).single();
                return new Attempt(sent.id(), sent.attempts(), sent);
            }
            long id = row.get(0)[0];
            int attempt = (int) row.get(0)[1];
            jdbc.sql("""
                            insert into channel_message_attempt (message_id, attempt, status, started_at, finished_at)
                            values (:id, :attempt, :status, :now, :finished)
                            on conflict (message_id, attempt) do nothing""")
                    .param("id", id).param("attempt", attempt).param("status", status.name())
                    .param("now", Timestamp.from(now))
                    .param("finished", status == MessageStatus.SIMULATED ? Timestamp.from(now) : null)
                    .update();
            return new Attempt(id, attempt, null);
        });
    }

    void sent(Attempt attempt, String response) {
        finish(attempt, MessageStatus.SENT, null, response);
    }

    void failed(Attempt attempt, String error, String response) {
        finish(attempt, MessageStatus.FAILED, error, response);
    }

    private void finish(Attempt attempt, MessageStatus status, String error, String response) {
        ownTransaction.executeWithoutResult(tx -> {
            Timestamp now = Timestamp.from(clock.instant());
            jdbc.sql("""
                            update channel_message set status = :status, error = :error, updated_at = :now,
                                   sent_at = case when :status = 'SENT' then :now else sent_at end
                            where id = :id""")
                    .param("status", status.name()).param("error", cut(error, MAX_BODY)).param("now", now)
                    .param("id", attempt.messageId()).update();
            jdbc.sql("""
                            update channel_message_attempt set status = :status, error = :error, response = :response,
                                   finished_at = :now
                            where message_id = :id and attempt = :attempt""")
                    .param("status", status.name()).param("error", cut(error, MAX_BODY))
                    .param("response", cut(response, MAX_RESPONSE)).param("now", now)
                    .param("id", attempt.messageId()).param("attempt", attempt.number()).update();
        });
    }

    Optional<Message> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from channel_message where id = :id").param("id", id)
                .query(MessageJournal::message).optional();
    }

    List<AttemptRecord> attempts(long messageId) {
        return jdbc.sql("""
                        select attempt, status, error, response, started_at, finished_at from channel_message_attempt
                        where message_id = :id order by attempt""")
                .param("id", messageId)
                .query((rs, n) -> new AttemptRecord(rs.getInt("attempt"), MessageStatus.valueOf(rs.getString("status")),
                        rs.getString("error"), rs.getString("response"), instant(rs, "started_at"), instant(rs, "finished_at")))
                .list();
    }

    /** Newest first by keyset on id: pass the last id shown as {@code before} for the next page. */
    List<Message> page(Channel channel, MessageStatus status, Long contactId, Long before, int size) {
        return page(channel, status, contactId, null, before, size);
    }

    /** As {@link #page(Channel, MessageStatus, Long, Long, int)}, of one campaign too (null: any). */
    List<Message> page(Channel channel, MessageStatus status, Long contactId, Long campaignId, Long before, int size) {
        return jdbc.sql("select " + COLUMNS + " from channel_message"
                        + " where id < :before"
                        + " and (cast(:channel as varchar) is null or channel = :channel)"
                        + " and (cast(:status as varchar) is null or status = :status)"
                        + " and (cast(:contact as bigint) is null or contact_id = :contact)"
                        + " and (cast(:campaign as bigint) is null or campaign_id = :campaign)"
                        + " order by id desc limit :size")
                .param("before", before == null ? Long.MAX_VALUE : before)
                .param("channel", channel == null ? null : channel.name())
                .param("status", status == null ? null : status.name())
                .param("contact", contactId).param("campaign", campaignId).param("size", size)
                .query(MessageJournal::message).list();
    }

    private static Message message(ResultSet rs, int row) throws SQLException {
        return new Message(rs.getLong("id"), Channel.valueOf(rs.getString("channel")), rs.getString("template_code"),
                rs.getString("recipient"), rs.getString("subject"), rs.getString("body"),
                MessageStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getString("error"),
                (Long) rs.getObject("campaign_id", Long.class), (Long) rs.getObject("contact_id", Long.class),
                rs.getString("business_key"), rs.getString("send_key"), rs.getBoolean("test"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "sent_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** Long texts are kept to their start, marked so that nobody takes the cut for the whole. */
    static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }
}
