package org.dozvon.campaigns;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * When a campaign may call, in the local time of whoever is called: intervals per type of day
 * (working day, weekend, holiday) and, for particular dates, exceptions that replace the day's
 * intervals (an exception without intervals means "no calls that day"). Immutable; no clock, no
 * database: the caller says what time it is, in which zone, and what type each date is (from a
 * working-day calendar, or {@link #weekdays} when there is none).
 *
 * <p>An interval belongs to the day it starts on: {@code 22:00–02:00} on a Friday that is a working
 * day is open until 02:00 on Saturday whatever Saturday is, and an exception for Saturday does not
 * cut it short.
 */
public final class CallingHours {

    /** How far {@link #nextWindowStart} looks ahead beyond the last exception date. */
    static final int HORIZON_DAYS = 400;

    private final Map<DayType, List<CallingInterval>> byDayType;
    private final SortedMap<LocalDate, List<CallingInterval>> exceptions;

    private CallingHours(Map<DayType, List<CallingInterval>> byDayType, Map<LocalDate, List<CallingInterval>> exceptions) {
        EnumMap<DayType, List<CallingInterval>> days = new EnumMap<>(DayType.class);
        for (DayType type : DayType.values()) {
            days.put(type, sorted(byDayType.getOrDefault(type, List.of())));
        }
        TreeMap<LocalDate, List<CallingInterval>> dates = new TreeMap<>();
        exceptions.forEach((date, intervals) -> dates.put(date, sorted(intervals)));
        this.byDayType = Collections.unmodifiableMap(days);
        this.exceptions = Collections.unmodifiableSortedMap(dates);
    }

    /**
     * @param byDayType  intervals per day type; a type without intervals is a day without calls
     * @param exceptions intervals for particular dates, replacing their day type's; an empty list: no calls
     */
    public static CallingHours of(Map<DayType, List<CallingInterval>> byDayType, Map<LocalDate, List<CallingInterval>> exceptions) {
        return new CallingHours(byDayType == null ? Map.of() : byDayType, exceptions == null ? Map.of() : exceptions);
    }

    /** The same intervals every day. */
    public static CallingHours daily(CallingInterval... intervals) {
        EnumMap<DayType, List<CallingInterval>> days = new EnumMap<>(DayType.class);
        for (DayType type : DayType.values()) {
            days.put(type, List.of(intervals));
        }
        return of(days, Map.of());
    }

    /**
     * The day types when no working-day calendar says otherwise: Monday to Friday are working days,
     * Saturday and Sunday weekend days, no holidays. Use as {@code CallingHours::weekdays}.
     */
    public static DayType weekdays(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? DayType.WEEKEND : DayType.WORKDAY;
    }

    public Map<DayType, List<CallingInterval>> byDayType() {
        return byDayType;
    }

    public SortedMap<LocalDate, List<CallingInterval>> exceptions() {
        return exceptions;
    }

    /** Whether no day and no date has any interval: such a campaign never calls. */
    public boolean isNever() {
        return byDayType.values().stream().allMatch(List::isEmpty) && exceptions.values().stream().allMatch(List::isEmpty);
    }

    /** The intervals starting on a date of the given type: the date's exception if it has one, else the type's. */
    public List<CallingInterval> on(LocalDate date, DayType dayType) {
        List<CallingInterval> exception = exceptions.get(date);
        return exception != null ? exception : byDayType.get(Objects.requireNonNull(dayType, "dayType"));
    }

    public List<CallingInterval> on(LocalDate date, Function<LocalDate, DayType> dayTypes) {
        List<CallingInterval> exception = exceptions.get(date);
        return exception != null ? exception : byDayType.get(dayTypes.apply(date));
    }

    /** Whether a local date-time lies inside an interval (one started that day, or the day before and running past midnight). */
    public boolean isOpen(LocalDateTime time, Function<LocalDate, DayType> dayTypes) {
        return currentWindow(time, dayTypes).isPresent();
    }

    /** Whether an instant is inside the hours in the given zone (the contact's or the campaign's). */
    public boolean isOpen(Instant at, ZoneId zone, Function<LocalDate, DayType> dayTypes) {
        return isOpen(LocalDateTime.ofInstant(at, zone), dayTypes);
    }

    /**
     * The end of the interval a local date-time is inside, empty when it is outside. Of two overlapping
     * intervals, the one ending later.
     */
    public Optional<LocalDateTime> windowEnd(LocalDateTime time, Function<LocalDate, DayType> dayTypes) {
        return currentWindow(time, dayTypes).map(Window::end);
    }

    /**
     * The first moment strictly after {@code time} at which an interval starts; empty when none starts
     * within {@value #HORIZON_DAYS} days after the later of {@code time} and the last exception date.
     */
    public Optional<LocalDateTime> nextWindowStart(LocalDateTime time, Function<LocalDate, DayType> dayTypes) {
        if (isNever()) {
            return Optional.empty();
        }
        LocalDate last = exceptions.isEmpty() || exceptions.lastKey().isBefore(time.toLocalDate())
                ? time.toLocalDate() : exceptions.lastKey();
        LocalDate end = last.plusDays(HORIZON_DAYS);
        for (LocalDate date = time.toLocalDate(); !date.isAfter(end); date = date.plusDays(1)) {
            for (CallingInterval interval : on(date, dayTypes)) {
                LocalDateTime start = date.atTime(interval.from());
                if (start.isAfter(time)) {
                    return Optional.of(start);
                }
            }
        }
        return Optional.empty();
    }

    /** The first moment strictly after an instant at which an interval starts, in the given zone. */
    public Optional<Instant> nextWindowStart(Instant at, ZoneId zone, Function<LocalDate, DayType> dayTypes) {
        return nextWindowStart(LocalDateTime.ofInstant(at, zone), dayTypes).map(start -> start.atZone(zone).toInstant());
    }

    /** {@code time} itself when it is inside the hours, otherwise the next interval's start. */
    public Optional<LocalDateTime> earliestCallTime(LocalDateTime time, Function<LocalDate, DayType> dayTypes) {
        return isOpen(time, dayTypes) ? Optional.of(time) : nextWindowStart(time, dayTypes);
    }

    /**
     * {@code at} itself when it is inside the hours in the given zone, otherwise the next interval's start.
     * A start that falls in a daylight-saving gap is moved forward by the gap, as {@link java.time.ZonedDateTime} does.
     */
    public Optional<Instant> earliestCallTime(Instant at, ZoneId zone, Function<LocalDate, DayType> dayTypes) {
        return isOpen(at, zone, dayTypes) ? Optional.of(at) : nextWindowStart(at, zone, dayTypes);
    }

    private Optional<Window> currentWindow(LocalDateTime time, Function<LocalDate, DayType> dayTypes) {
        Window best = null;
        LocalDate today = time.toLocalDate();
        for (LocalDate date : List.of(today.minusDays(1), today)) {
            for (CallingInterval interval : on(date, dayTypes)) {
                Window window = Window.of(date, interval);
                if (window.contains(time) && (best == null || window.end().isAfter(best.end()))) {
                    best = window;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static List<CallingInterval> sorted(List<CallingInterval> intervals) {
        List<CallingInterval> copy = new ArrayList<>(intervals);
        Collections.sort(copy);
        return List.copyOf(copy);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CallingHours hours && byDayType.equals(hours.byDayType) && exceptions.equals(hours.exceptions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(byDayType, exceptions);
    }

    @Override
    public String toString() {
        return "CallingHours" + byDayType + " except " + exceptions;
    }

    private record Window(LocalDateTime start, LocalDateTime end) {
        static Window of(LocalDate date, CallingInterval interval) {
            LocalDate endDate = interval.overnight() ? date.plusDays(1) : date;
            return new Window(date.atTime(interval.from()), endDate.atTime(interval.to()));
        }

        boolean contains(LocalDateTime time) {
            return !time.isBefore(start) && time.isBefore(end);
        }
    }
}
