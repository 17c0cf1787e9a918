package org.dozvon.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** Calling hours as a pure value: day types, date exceptions, intervals past midnight, zones. */
class CallingHoursTests {

    // 2026-11-20 is a Friday, 21 and 22 the weekend, 23 a Monday
    private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);
    private static final LocalDate SATURDAY = FRIDAY.plusDays(1);
    private static final LocalDate MONDAY = FRIDAY.plusDays(3);

    private final CallingHours hours = CallingHours.of(Map.of(
            DayType.WORKDAY, List.of(CallingInterval.of("09:00", "13:00"), CallingInterval.of("14:00", "21:00")),
            DayType.WEEKEND, List.of(CallingInterval.of("10:00", "18:00")),
            DayType.HOLIDAY, List.of()), Map.of());

    @Test
    void workdayIntervalsIncludeTheirStartAndExcludeTheirEnd() {
        assertThat(hours.isOpen(FRIDAY.atTime(9, 0), CallingHours::weekdays)).isTrue();
        assertThat(hours.isOpen(FRIDAY.atTime(12, 59), CallingHours::weekdays)).isTrue();
        assertThat(hours.isOpen(FRIDAY.atTime(13, 0), CallingHours::weekdays)).as("lunch").isFalse();
        assertThat(hours.isOpen(FRIDAY.atTime(20, 59), CallingHours::weekdays)).isTrue();
        assertThat(hours.isOpen(FRIDAY.atTime(21, 0), CallingHours::weekdays)).isFalse();
        assertThat(hours.isOpen(FRIDAY.atTime(8, 59), CallingHours::weekdays)).isFalse();
    }

    @Test
    void weekendDaysFollowTheWeekendHours() {
        assertThat(hours.isOpen(SATURDAY.atTime(9, 30), CallingHours::weekdays)).isFalse();
        assertThat(hours.isOpen(SATURDAY.atTime(10, 0), CallingHours::weekdays)).isTrue();
        assertThat(hours.isOpen(SATURDAY.atTime(19, 0), CallingHours::weekdays)).isFalse();
    }

    @Test
    void theCalendarDecidesTheDayTypeAndAHolidayWithoutHoursIsClosed() {
        Function<LocalDate, DayType> calendar = date -> date.equals(MONDAY) ? DayType.HOLIDAY : CallingHours.weekdays(date);

        assertThat(hours.isOpen(MONDAY.atTime(10, 0), CallingHours::weekdays)).isTrue();
        assertThat(hours.isOpen(MONDAY.atTime(10, 0), calendar)).isFalse();
        assertThat(hours.nextWindowStart(FRIDAY.atTime(21, 0), calendar))
                .contains(SATURDAY.atTime(10, 0));
        assertThat(hours.nextWindowStart(SATURDAY.plusDays(1).atTime(18, 0), calendar))
                .as("Monday is a holiday").contains(MONDAY.plusDays(1).atTime(9, 0));
    }

    @Test
    void aDateExceptionReplacesTheDayTypeHours() {
        CallingHours shortFriday = CallingHours.of(hours.byDayType(), Map.of(
                FRIDAY, List.of(CallingInterval.of("10:00", "16:00")),
                MONDAY, List.of()));

        assertThat(shortFriday.isOpen(FRIDAY.atTime(9, 30), CallingHours::weekdays)).isFalse();
        assertThat(shortFriday.isOpen(FRIDAY.atTime(13, 30), CallingHours::weekdays)).as("no lunch break that day").isTrue();
        assertThat(shortFriday.isOpen(FRIDAY.atTime(16, 0), CallingHours::weekdays)).isFalse();
        assertThat(shortFriday.on(FRIDAY, DayType.WORKDAY)).containsExactly(CallingInterval.of("10:00", "16:00"));
        assertThat(shortFriday.on(MONDAY, DayType.WORKDAY)).as("no calls that date").isEmpty();
        assertThat(shortFriday.on(MONDAY.plusDays(1), DayType.WORKDAY)).hasSize(2);
        assertThat(shortFriday.nextWindowStart(SATURDAY.plusDays(1).atTime(18, 0), CallingHours::weekdays))
                .contains(MONDAY.plusDays(1).atTime(9, 0));
    }

    @Test
    void anIntervalPastMidnightBelongsToTheDayItStartsOn() {
        CallingHours night = CallingHours.of(Map.of(DayType.WORKDAY, List.of(CallingInterval.of("22:00", "02:00"))),
                Map.of(SATURDAY, List.of()));

        assertThat(CallingInterval.of("22:00", "02:00").overnight()).isTrue();
        assertThat(night.isOpen(FRIDAY.atTime(23, 30), CallingHours::weekdays)).isTrue();
        assertThat(night.isOpen(SATURDAY.atTime(1, 59), CallingHours::weekdays))
                .as("Friday's interval, although Saturday is a weekend day with an empty exception").isTrue();
        assertThat(night.windowEnd(SATURDAY.atTime(1, 0), CallingHours::weekdays)).contains(SATURDAY.atTime(2, 0));
        assertThat(night.isOpen(SATURDAY.atTime(2, 0), CallingHours::weekdays)).isFalse();
        assertThat(night.isOpen(SATURDAY.atTime(23, 0), CallingHours::weekdays)).isFalse();
        assertThat(night.isOpen(MONDAY.atTime(0, 30), CallingHours::weekdays)).as("Sunday started nothing").isFalse();
        assertThat(night.nextWindowStart(SATURDAY.atTime(1, 0), CallingHours::weekdays)).contains(MONDAY.atTime(22, 0));
    }

    @Test
    void untilMidnightIsWrittenAsEndingAtZero() {
        CallingHours evening = CallingHours.daily(CallingInterval.of("18:00", "00:00"));

        assertThat(evening.isOpen(FRIDAY.atTime(23, 59, 59), CallingHours::weekdays)).isTrue();
        assertThat(evening.isOpen(SATURDAY.atTime(0, 0), CallingHours::weekdays)).isFalse();
    }

    @Test
    void earliestCallTimeIsNowWhenOpenElseTheNextStart() {
        LocalDateTime open = FRIDAY.atTime(10, 15);
        LocalDateTime lunch = FRIDAY.atTime(13, 15);

        assertThat(hours.earliestCallTime(open, CallingHours::weekdays)).contains(open);
        assertThat(hours.earliestCallTime(lunch, CallingHours::weekdays)).contains(FRIDAY.atTime(14, 0));
        assertThat(hours.nextWindowStart(open, CallingHours::weekdays)).as("strictly after").contains(FRIDAY.atTime(14, 0));
        assertThat(hours.nextWindowStart(FRIDAY.atTime(9, 0), CallingHours::weekdays)).contains(FRIDAY.atTime(14, 0));
    }

    @Test
    void instantsAreReadInTheGivenZone() {
        // 06:30 UTC is 09:30 in Moscow, 11:30 in Yekaterinburg and 16:30 in Vladivostok; 05:00 UTC is 08:00 in Moscow
        Instant at = Instant.parse("2026-11-20T06:30:00Z");

        assertThat(hours.isOpen(at, ZoneId.of("Europe/Moscow"), CallingHours::weekdays)).isTrue();
        assertThat(hours.isOpen(at, ZoneId.of("Europe/London"), CallingHours::weekdays)).as("06:30 in London").isFalse();
        assertThat(hours.earliestCallTime(at, ZoneId.of("Europe/London"), CallingHours::weekdays))
                .contains(Instant.parse("2026-11-20T09:00:00Z"));
        assertThat(hours.earliestCallTime(Instant.parse("2026-11-20T05:00:00Z"), ZoneId.of("Europe/Moscow"), CallingHours::weekdays))
                .contains(Instant.parse("2026-11-20T06:00:00Z"));
        assertThat(hours.nextWindowStart(Instant.parse("2026-11-20T12:00:00Z"), ZoneId.of("Asia/Vladivostok"), CallingHours::weekdays))
                .as("22:00 Friday in Vladivostok: Saturday 10:00 there").contains(Instant.parse("2026-11-21T00:00:00Z"));
    }

    @Test
    void aStartInADaylightSavingGapMovesForwardByTheGap() {
        // Berlin skips 02:00-03:00 on Sunday 2026-03-29
        CallingHours early = CallingHours.daily(CallingInterval.of("02:30", "05:00"));

        assertThat(early.nextWindowStart(Instant.parse("2026-03-28T23:00:00Z"), ZoneId.of("Europe/Berlin"), CallingHours::weekdays))
                .contains(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void hoursWithoutAnyIntervalNeverOpen() {
        CallingHours never = CallingHours.of(Map.of(), Map.of());

        assertThat(never.isNever()).isTrue();
        assertThat(never.isOpen(FRIDAY.atTime(12, 0), CallingHours::weekdays)).isFalse();
        assertThat(never.nextWindowStart(FRIDAY.atTime(12, 0), CallingHours::weekdays)).isEmpty();
        assertThat(CallingHours.of(Map.of(), Map.of(MONDAY, List.of(CallingInterval.of("10:00", "11:00"))))
                .nextWindowStart(FRIDAY.atTime(12, 0), CallingHours::weekdays))
                .as("only an exception date opens").contains(MONDAY.atTime(10, 0));
    }

    @Test
    void intervalsAreReadAsPeopleTypeThem() {
        assertThat(CallingInterval.parseAll("09:00-13:00, 14:00–21:00")).containsExactly(
                CallingInterval.of("09:00", "13:00"), CallingInterval.of("14:00", "21:00"));
        assertThat(CallingInterval.parseAll("9.00 - 18.30;  22:00-02:00")).containsExactly(
                CallingInterval.of("09:00", "18:30"), CallingInterval.of("22:00", "02:00"));
        assertThat(CallingInterval.parseAll("  ")).isEmpty();
        assertThat(CallingInterval.format(CallingInterval.parseAll("09:00-13:00 14:00-21:00"))).isEqualTo("09:00-13:00, 14:00-21:00");
        assertThatThrownBy(() -> CallingInterval.parseAll("09:00-13:00, noon")).hasMessage("noon");
        assertThatThrownBy(() -> CallingInterval.parseAll("25:00-26:00")).hasMessage("25:00-26:00");
        assertThatThrownBy(() -> CallingInterval.parseAll("10:00-10:00")).hasMessage("10:00-10:00");
    }

    @Test
    void weekdaysAreMondayToFriday() {
        assertThat(Set.of(FRIDAY, MONDAY).stream().map(CallingHours::weekdays)).containsOnly(DayType.WORKDAY);
        assertThat(CallingHours.weekdays(SATURDAY)).isEqualTo(DayType.WEEKEND);
        assertThat(CallingHours.weekdays(SATURDAY.plusDays(1))).isEqualTo(DayType.WEEKEND);
    }
}
