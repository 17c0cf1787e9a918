package org.dozvon.campaigns;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stretch of local time on one day when contacts may be called, from {@code from} (inclusive) to
 * {@code to} (exclusive). When {@code to} is not after {@code from} the interval runs past midnight into
 * the next day ({@code 18:00–00:00} is "until midnight", {@code 22:00–02:00} "until two at night"); it
 * still belongs to the day it starts on. {@code from} and {@code to} are never equal.
 */
public record CallingInterval(LocalTime from, LocalTime to) implements Comparable<CallingInterval> {

    private static final Pattern ONE = Pattern.compile("\\s*(\\d{1,2}[:.]\\d{2})\\s*[-–—]\\s*(\\d{1,2}[:.]\\d{2})\\s*");

    public CallingInterval {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.equals(to)) {
            throw new IllegalArgumentException("a calling interval cannot start and end at " + from);
        }
    }

    public static CallingInterval of(String from, String to) {
        return new CallingInterval(LocalTime.parse(from), LocalTime.parse(to));
    }

    /** Whether it ends on the next day. */
    public boolean overnight() {
        return !to.isAfter(from);
    }

    /**
     * Reads intervals as people type them: {@code 09:00-13:00, 14:00–21:00} (any of {@code , ; space} between
     * intervals, {@code - – —} inside one, {@code 9.00} for {@code 09:00}).
     *
     * @throws IllegalArgumentException naming the part that is not an interval
     */
    public static List<CallingInterval> parseAll(String text) {
        List<CallingInterval> intervals = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return intervals;
        }
        for (String part : text.split("[,;\\n]+|\\s{2,}|(?<=\\d)\\s+(?=\\d)")) {
            if (part.isBlank()) {
                continue;
            }
            Matcher matcher = ONE.matcher(part);
            if (!matcher.matches()) {
                throw new IllegalArgumentException(part.strip());
            }
            try {
                intervals.add(new CallingInterval(time(matcher.group(1)), time(matcher.group(2))));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new IllegalArgumentException(part.strip(), e);
            }
        }
        return intervals;
    }

    private static LocalTime time(String text) {
        String clean = text.replace('.', ':');
        return LocalTime.parse(clean.length() == 4 ? "0" + clean : clean);
    }

    /** {@code 09:00-21:00}, as {@link #parseAll} reads it. */
    @Override
    public String toString() {
        return from + "-" + to;
    }

    /** Intervals as one line, as {@link #parseAll} reads them. */
    public static String format(List<CallingInterval> intervals) {
        return String.join(", ", intervals.stream().map(CallingInterval::toString).toList());
    }

    @Override
    public int compareTo(CallingInterval other) {
        int byStart = from.compareTo(other.from);
        return byStart != 0 ? byStart : to.compareTo(other.to);
    }
}
