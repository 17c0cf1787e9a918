package org.dozvon.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The real time moved ahead by what the test says: the injected clock of a side application. */
final class MovableClock extends Clock {

    private volatile Duration ahead = Duration.ZERO;

    void move(Duration by) {
        ahead = ahead.plus(by);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a movable clock stays in UTC");
    }

    /**
     * The bean replacing the application's clock, as an extra source of
     * {@link org.dozvon.TestApplications#start(java.nio.file.Path, Class[], String...)}; deliberately not a
     * {@code @Configuration}, so that the shared application's scan passes it by.
     */
    static class Beans {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }
}
