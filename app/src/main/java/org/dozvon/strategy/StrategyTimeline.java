package org.dozvon.strategy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * What a dry run shows: the delegates note each step here ("wait for the window until ...", "dial ...",
 * "outcome ...", "decision ...", "SMS ...", "finished ..."). Notes are kept only on a thread that records
 * (a dry run's); everywhere else noting costs nothing.
 */
@Component
class StrategyTimeline {

    private static final ThreadLocal<List<Entry>> RECORDING = new ThreadLocal<>();

    private final StrategyClock clock;

    StrategyTimeline(StrategyClock clock) {
        this.clock = clock;
    }

    void note(String kind, String text) {
        List<Entry> entries = RECORDING.get();
        if (entries != null) {
            entries.add(new Entry(clock.now(), kind, text));
        }
    }

    /** Records the notes made by {@code work} on this thread. */
    List<Entry> record(Runnable work) {
        List<Entry> entries = new ArrayList<>();
        RECORDING.set(entries);
        try {
            work.run();
        } finally {
            RECORDING.remove();
        }
        return entries;
    }

    /**
     * @param kind WAIT, DIAL, OUTCOME, DECISION, NOTIFY, FINISH, NOTE
     */
    public record Entry(Instant at, String kind, String text) {
    }
}
