package org.dozvon.strategy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;

/**
 * What a dry run shows: the delegates note each step here ("wait for the window until ...", "dial ...",
 * "outcome ...", "decision ...", "SMS ...", "finished ..."). Notes are kept only on a thread that records
 * (a dry run's); everywhere else noting costs nothing. A note is one or more message parts (bundle keys
 * {@code dryRun.note.*} with arguments), so the page and the API show it in the reader's language.
 */
@Component
class StrategyTimeline {

    private static final ThreadLocal<List<Entry>> RECORDING = new ThreadLocal<>();
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final StrategyClock clock;

    StrategyTimeline(StrategyClock clock) {
        this.clock = clock;
    }

    /** Whether a dry run records on this thread: build costly notes only then. */
    boolean recording() {
        return RECORDING.get() != null;
    }

    void note(String kind, Part... parts) {
        List<Entry> entries = RECORDING.get();
        if (entries != null) {
            entries.add(new Entry(clock.now(), kind, List.of(parts), null));
        }
    }

    /** The contact's end, with its final status. */
    void finished(String finalStatus) {
        List<Entry> entries = RECORDING.get();
        if (entries != null) {
            entries.add(new Entry(clock.now(), "FINISH", List.of(part("finish", status(finalStatus))), finalStatus));
        }
    }

    /** A part of a note: message {@code dryRun.note.<key>}; numbers should be passed as text (no grouping). */
    static Part part(String key, Object... arguments) {
        return new Part(key, arguments);
    }

    /** A final status in the reader's language, as an argument of a part. */
    static MessageSourceResolvable status(String finalStatus) {
        return new DefaultMessageSourceResolvable(new String[] {"finalStatus." + finalStatus}, finalStatus);
    }

    /** An instant as local date and time in a zone, as an argument of a part. */
    static String local(Instant at, ZoneId zone) {
        return LOCAL.format(at.atZone(zone)) + " " + zone.getId();
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
     * @param kind        START, WAIT, PLAN, DIAL, OUTCOME, DECISION, NOTIFY, FINISH, NOTE
     * @param finalStatus the final status of a FINISH entry, else null
     */
    record Entry(Instant at, String kind, List<Part> parts, String finalStatus) {

        /** The note in a language, its parts joined by "; ". */
        Line line(MessageSource messages, Locale locale) {
            return new Line(at, kind, parts.stream().map(p -> messages.getMessage(p, locale)).collect(Collectors.joining("; ")));
        }
    }

    /** A note as shown: when, what kind of step, its text. */
    public record Line(Instant at, String kind, String text) {
    }

    record Part(String key, Object... arguments) implements MessageSourceResolvable {

        @Override
        public String[] getCodes() {
            return new String[] {"dryRun.note." + key};
        }

        @Override
        public Object[] getArguments() {
            return arguments;
        }

        @Override
        public String getDefaultMessage() {
            return key;
        }
    }
}
