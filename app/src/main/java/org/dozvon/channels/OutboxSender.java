package org.dozvon.channels;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what waits in the {@link Outbox}: every message is tried at once, then after 1, 5, 15 and 60 minutes;
 * after the fifth failure it is given up (the journal shows each attempt and the last error).
 */
@Component
class OutboxSender {

    static final List<Duration> PAUSES = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofMinutes(60));
    /** Longer than any send may take (the web request timeout is at most minutes). */
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final int BATCH = 20;
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    private final Outbox outbox;
    private final Channels channels;
    private final Clock clock;

    OutboxSender(Outbox outbox, Channels channels, Clock clock) {
        this.outbox = outbox;
        this.channels = channels;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${dozvon.channels.outbox-poll:2s}", initialDelayString = "${dozvon.channels.outbox-poll:2s}")
    void sendDue() {
        List<Outbox.Waiting> due;
        do {
            Instant now = clock.instant();
            due = outbox.claim(now, now.plus(LEASE), BATCH);
            due.forEach(this::send);
        } while (due.size() == BATCH);
    }

    private void send(Outbox.Waiting message) {
        try {
            switch (message.channel()) {
                case SMS -> channels.sendSms(message.request());
                case EMAIL -> channels.sendEmail(message.request());
                case WEB -> channels.callWebRequest(message.request());
            }
            outbox.remove(message.id());
        } catch (RuntimeException e) {
            if (message.tries() > PAUSES.size()) {
                log.warn("{} '{}' to {} given up after {} tries: {}", message.channel(), message.request().templateCode(),
                        message.request().recipient(), message.tries(), e.getMessage());
                outbox.remove(message.id());
            } else {
                outbox.later(message.id(), clock.instant().plus(PAUSES.get(message.tries() - 1)), e.getMessage());
            }
        }
    }
}
