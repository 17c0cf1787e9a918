package org.dozvon.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: {@code firstRetry} after its first failure since it was (re)queued, twice as
 * long after each further one, at most {@code maxRetry}, each pause spread by ±20 % so that the deliveries of one
 * outage do not all come back at once; never after {@code retryUntil} (the last attempt falls on it), and not at all
 * once that has passed.
 */
record Backoff(Duration firstRetry, Duration maxRetry) {

    /**
     * @param failures failed attempts since the delivery was (re)queued, this one included (1 or more)
     * @param random   a number in [0, 1)
     * @return the next attempt's time, or null: give up (FAILED)
     */
    Instant next(int failures, Instant now, Instant retryUntil, DoubleSupplier random) {
        if (!now.isBefore(retryUntil)) {
            return null;
        }
        double base = firstRetry.toMillis() * Math.pow(2, Math.max(0, Math.min(failures - 1, 40)));
        double spread = Math.min(base, maxRetry.toMillis()) * (0.8 + 0.4 * random.getAsDouble());
        long pause = Math.max(1, Math.min((long) spread, maxRetry.toMillis()));
        Instant next = now.plusMillis(pause);
        return next.isAfter(retryUntil) ? retryUntil : next;
    }
}
