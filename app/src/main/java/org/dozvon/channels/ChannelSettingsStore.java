package org.dozvon.channels;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code channel_settings} table: the mail server and the SMS gateway, each one JSON row. */
@Repository
class ChannelSettingsStore {

    private static final String SMTP = "SMTP";
    private static final String SMS_GATEWAY = "SMS_GATEWAY";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    ChannelSettingsStore(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    Optional<SmtpSettings> smtp() {
        return read(SMTP, SmtpSettings.class);
    }

    Optional<SmsGatewaySettings> smsGateway() {
        return read(SMS_GATEWAY, SmsGatewaySettings.class);
    }

    void save(SmtpSettings settings, String by) {
        write(SMTP, settings, by);
    }

    void save(SmsGatewaySettings settings, String by) {
        write(SMS_GATEWAY, settings, by);
    }

    private <T> Optional<T> read(String kind, Class<T> type) {
        return jdbc.sql("select settings::text from channel_settings where kind = :kind").param("kind", kind)
                .query(String.class).optional().map(text -> {
                    try {
                        return json.readValue(text, type);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("Unreadable " + kind + " settings", e);
                    }
                });
    }

    private void write(String kind, Object settings, String by) {
        String text;
        try {
            text = json.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        jdbc.sql("""
                        insert into channel_settings (kind, settings, updated_at, updated_by)
                        values (:kind, cast(:settings as jsonb), :now, :by)
                        on conflict (kind) do update set settings = excluded.settings, updated_at = excluded.updated_at,
                                                         updated_by = excluded.updated_by""")
                .param("kind", kind).param("settings", text).param("now", Timestamp.from(clock.instant())).param("by", by)
                .update();
    }
}
