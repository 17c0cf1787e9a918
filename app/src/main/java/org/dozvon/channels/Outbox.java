package org.dozvon.channels;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The messages to send later ({@link Channels#sendLater}), in PostgreSQL (table {@code channel_outbox}). */
@Repository
class Outbox {

    /** One message waiting; {@code tries} counts the attempts begun, this one included once claimed. */
    record Waiting(long id, Channel channel, SendRequest request, int tries) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    Outbox(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Adds a message in the caller's transaction; false when one with that send key is there or was added. */
    @Transactional
    boolean add(Channel channel, SendRequest request, String by, Instant now) {
        MessageReference reference = request.reference();
        return jdbc.sql("""
                        insert into channel_outbox (channel, template_code, recipient, attributes, campaign_id, contact_id,
                                                    business_key, send_key, due_at, created_at, created_by)
                        values (:channel, :template, :recipient, cast(:attributes as jsonb), :campaign, :contact, :key,
                                :sendKey, :now, :now, :by)
                        on conflict (send_key) do nothing""")
                .param("channel", channel.name()).param("template", request.templateCode())
                .param("recipient", request.recipient()).param("attributes", write(request.attributes()))
                .param("campaign", reference.campaignId()).param("contact", reference.contactId())
                .param("key", reference.businessKey()).param("sendKey", reference.sendKey())
                .param("now", Timestamp.from(now)).param("by", by)
                .update() == 1;
    }

    /**
     * Claims up to {@code limit} due messages: each is not due again before {@code lease} (a worker that dies
     * mid-send leaves it to be tried again then) and counts one more try.
     */
    @Transactional
    List<Waiting> claim(Instant now, Instant lease, int limit) {
        return jdbc.sql("""
                        update channel_outbox set due_at = :lease, tries = tries + 1
                        where id in (select id from channel_outbox where due_at <= :now order by due_at, id limit :limit
                                     for update skip locked)
                        returning id, channel, template_code, recipient, attributes::text, campaign_id, contact_id,
                                  business_key, send_key, tries""")
                .param("now", Timestamp.from(now)).param("lease", Timestamp.from(lease)).param("limit", limit)
                .query((rs, n) -> new Waiting(rs.getLong(1), Channel.valueOf(rs.getString(2)),
                        new SendRequest(rs.getString(3), rs.getString(4), read(rs.getString(5)),
                                new MessageReference(rs.getObject(6, Long.class), rs.getObject(7, Long.class),
                                        rs.getString(8), rs.getString(9)), false), rs.getInt(10)))
                .list();
    }

    /** Sent, or given up: the journal has it. */
    @Transactional
    void remove(long id) {
        jdbc.sql("delete from channel_outbox where id = :id").param("id", id).update();
    }

    @Transactional
    void later(long id, Instant due, String error) {
        jdbc.sql("update channel_outbox set due_at = :due, last_error = :error where id = :id")
                .param("due", Timestamp.from(due)).param("error", MessageJournal.cut(error, 1000)).param("id", id).update();
    }

    /** How many messages wait (for tests and the benchmark of nothing). */
    long waiting() {
        return jdbc.sql("select count(*) from channel_outbox").query(Long.class).single();
    }

    private String write(Map<String, ?> attributes) {
        try {
            return json.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("contact values that are not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private Map<String, Object> read(String text) {
        try {
            return json.readValue(text, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox values that are not JSON", e);
        }
    }
}
