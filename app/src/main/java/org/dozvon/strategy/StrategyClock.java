package org.dozvon.strategy;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * The time strategy steps read: the application's clock, or, on the thread of a dry run (and of a test
 * driving a strategy), a virtual "now" that the runner moves from due job to due job. Camunda's own
 * {@code ClockUtil} is JVM-wide and is never touched.
 */
@Component
public class StrategyClock {

    private static final ThreadLocal<Instant> VIRTUAL = new ThreadLocal<>();

    private final Clock clock;

    StrategyClock(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        Instant virtual = VIRTUAL.get();
        return virtual != null ? virtual : clock.instant();
    }

    /** Whether this thread runs on virtual time. */
    public boolean isVirtual() {
        return VIRTUAL.get() != null;
    }

    /** Runs {@code work} with "now" at {@code at} on this thread (nested calls restore the outer time). */
    public <T> T at(Instant at, Supplier<T> work) {
        Instant outer = VIRTUAL.get();
        VIRTUAL.set(at);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                VIRTUAL.remove();
            } else {
                VIRTUAL.set(outer);
            }
        }
    }

    /** Moves this thread's virtual "now"; only inside {@link #at}. */
    void moveTo(Instant at) {
        if (VIRTUAL.get() == null) {
            throw new IllegalStateException("not on virtual time");
        }
        VIRTUAL.set(at);
    }
}
