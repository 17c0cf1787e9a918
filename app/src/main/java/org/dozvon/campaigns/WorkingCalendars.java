package org.dozvon.campaigns;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.dozvon.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Working-day calendars. {@link #dayType} is the module's API for strategies and dialing; the rest
 * serves this module's pages and REST endpoints.
 *
 * <p>A date's type: the type it is listed with, if it is listed (holidays, weekdays made days off,
 * weekend days made working days); otherwise WEEKEND when its day of the week is one of its year's
 * weekend days (the year's own, else the calendar's), else WORKDAY.
 */
@Service
public class WorkingCalendars {

    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;
    private static final int MAX_RANGE_DAYS = 3700;
    private static final Logger log = LoggerFactory.getLogger(WorkingCalendars.class);

    private final WorkingCalendarStore store;
    private final Clock clock;

    WorkingCalendars(WorkingCalendarStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * What kind of day {@code date} is in the calendar.
     *
     * @throws ReferenceNotFound when there is no such calendar
     */
    public DayType dayType(long calendarId, LocalDate date) {
        return store.dayType(calendarId, date).orElseThrow(() -> new ReferenceNotFound("calendar " + calendarId));
    }

    /**
     * The type of every date from {@code from} to {@code to}, both included, in date order; at most
     * about ten years at once.
     *
     * @throws ReferenceNotFound when there is no such calendar
     */
    public Map<LocalDate, DayType> dayTypes(long calendarId, LocalDate from, LocalDate to) {
        if (to.isBefore(from) || from.plusDays(MAX_RANGE_DAYS).isBefore(to)) {
            throw new IllegalArgumentException("a range of up to " + MAX_RANGE_DAYS + " days, from before to: " + from + ".." + to);
        }
        WorkingCalendar calendar = existing(calendarId);
        Map<LocalDate, DayType> listed = store.days(calendarId, from, to).stream()
                .collect(Collectors.toMap(WorkingCalendarStore.CalendarDay::date, WorkingCalendarStore.CalendarDay::type));
        Map<Integer, Set<DayOfWeek>> weekends = new LinkedHashMap<>();
        Map<LocalDate, DayType> types = new LinkedHashMap<>();
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            DayType type = listed.get(date);
            if (type == null) {
                Set<DayOfWeek> weekend = weekends.computeIfAbsent(date.getYear(),
                        year -> store.yearWeekendDays(calendarId, year).orElse(calendar.weekendDays()));
                type = weekend.contains(date.getDayOfWeek()) ? DayType.WEEKEND : DayType.WORKDAY;
            }
            types.put(date, type);
        }
        return types;
    }

    public List<WorkingCalendar> calendars() {
        return store.calendars();
    }

    public Optional<WorkingCalendar> calendar(long id) {
        return store.calendar(id);
    }

    // ---- changes and views, for this module's pages and API

    WorkingCalendar existing(long id) {
        return store.calendar(id).orElseThrow(() -> new ReferenceNotFound("calendar " + id));
    }

    /** Creates a calendar ({@code id} null) or changes its name, description and default weekend days. */
    @Transactional
    ReferenceResult save(Long id, String name, String description, Set<DayOfWeek> weekendDays) {
        if (id != null) {
            existing(id);
        }
        List<Violation> violations = new ArrayList<>();
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            violations.add(new Violation("name", "calendars.error.name"));
        } else if (clean.length() > 200) {
            violations.add(new Violation("name", "codes.error.nameLength", 200));
        } else if (store.nameTaken(clean, id)) {
            violations.add(new Violation("name", "calendars.error.nameTaken", clean));
        }
        Set<DayOfWeek> days = weekendDays == null ? EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY) : weekendDays;
        if (days.size() == 7) {
            violations.add(new Violation("weekendDays", "calendars.error.allWeekend"));
        }
        if (!violations.isEmpty()) {
            return ReferenceResult.refused(violations);
        }
        String text = description == null || description.isBlank() ? null : description.strip();
        if (id == null) {
            long newId = store.insert(clean, text, days, clock.instant());
            log.info("Calendar '{}' created", clean);
            return ReferenceResult.done(newId);
        }
        store.update(id, clean, text, days, clock.instant());
        return ReferenceResult.done(id);
    }

    /**
     * Gives a year its own weekend days, or ({@code days} null) makes it follow the calendar's again.
     */
    @Transactional
    ReferenceResult setYearWeekendDays(long calendarId, int year, Set<DayOfWeek> days) {
        existing(calendarId);
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            return ReferenceResult.refused("year", "calendars.error.year", FIRST_YEAR, LAST_YEAR);
        }
        if (days == null) {
            store.clearYearWeekendDays(calendarId, year);
        } else if (days.size() == 7) {
            return ReferenceResult.refused("weekendDays", "calendars.error.allWeekend");
        } else {
            store.setYearWeekendDays(calendarId, year, days);
        }
        return ReferenceResult.done(calendarId);
    }

    /** Lists a date with a type (and an optional name); a listed date takes the new ones. */
    @Transactional
    ReferenceResult putDay(long calendarId, LocalDate date, DayType type, String name) {
        existing(calendarId);
        List<Violation> violations = new ArrayList<>();
        if (date == null) {
            violations.add(new Violation("date", "calendars.error.date"));
        } else if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
            violations.add(new Violation("date", "calendars.error.year", FIRST_YEAR, LAST_YEAR));
        }
        if (type == null) {
            violations.add(new Violation("type", "calendars.error.type"));
        }
        String clean = name == null ? "" : name.strip();
        if (clean.length() > CalendarCsv.MAX_NAME) {
            violations.add(new Violation("name", "codes.error.nameLength", CalendarCsv.MAX_NAME));
        }
        if (!violations.isEmpty()) {
            return ReferenceResult.refused(violations);
        }
        store.putDays(calendarId, List.of(new WorkingCalendarStore.CalendarDay(date, type, clean.isEmpty() ? null : clean)));
        return ReferenceResult.done(calendarId);
    }

    @Transactional
    boolean removeDay(long calendarId, LocalDate date) {
        existing(calendarId);
        return store.removeDay(calendarId, date);
    }

    /**
     * Reads a calendar file (see {@link CalendarCsv}) into the calendar: its good lines are listed
     * (relisting dates already there); with {@code replaceYears}, the years these lines fall in are
     * cleared of other listed dates first. Bad lines are reported, never half-applied.
     */
    @Transactional
    ImportReport importCsv(long calendarId, byte[] file, boolean replaceYears) {
        existing(calendarId);
        CalendarCsv.Parsed parsed = CalendarCsv.parse(file);
        Set<Integer> years = parsed.days().stream().map(day -> day.date().getYear()).collect(Collectors.toCollection(TreeSet::new));
        int removed = replaceYears ? store.clearYears(calendarId, years) : 0;
        store.putDays(calendarId, parsed.days());
        log.info("Calendar {}: {} dates imported, {} lines refused", calendarId, parsed.days().size(), parsed.problems().size());
        return new ImportReport(parsed.rows(), parsed.days().size(), removed, List.copyOf(years), parsed.problems());
    }

    /** The listed dates of one year, or of all years ({@code year} null), as a calendar file. */
    String exportCsv(long calendarId, Integer year) {
        existing(calendarId);
        LocalDate from = year == null ? LocalDate.of(FIRST_YEAR, 1, 1) : LocalDate.of(year, 1, 1);
        LocalDate to = year == null ? LocalDate.of(LAST_YEAR, 12, 31) : LocalDate.of(year, 12, 31);
        StringBuilder csv = new StringBuilder("date;type;name\n");
        store.days(calendarId, from, to).forEach(day -> csv.append(CalendarCsv.line(day)).append('\n'));
        return csv.toString();
    }

    /** Deletes a calendar; one that a campaign refers to is refused (the campaign's foreign key says so). */
    @Transactional
    ReferenceResult delete(long id) {
        WorkingCalendar calendar = existing(id);
        try {
            store.delete(id);
        } catch (DataIntegrityViolationException e) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return ReferenceResult.refused("calendar", "calendars.error.inUse", calendar.name());
        }
        log.info("Calendar '{}' deleted", calendar.name());
        return ReferenceResult.done(id);
    }

    List<Integer> years(long calendarId) {
        return store.years(calendarId);
    }

    /** One year of a calendar: its weekend days, its listed dates and its twelve months day by day. */
    YearView year(long calendarId, int year) {
        WorkingCalendar calendar = existing(calendarId);
        Optional<Set<DayOfWeek>> own = store.yearWeekendDays(calendarId, year);
        List<WorkingCalendarStore.CalendarDay> listed = store.days(calendarId, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
        Map<LocalDate, WorkingCalendarStore.CalendarDay> byDate = listed.stream()
                .collect(Collectors.toMap(WorkingCalendarStore.CalendarDay::date, Function.identity()));
        Set<DayOfWeek> weekend = own.orElse(calendar.weekendDays());
        List<MonthView> months = new ArrayList<>();
        int workdays = 0;
        for (int month = 1; month <= 12; month++) {
            YearMonth yearMonth = YearMonth.of(year, month);
            List<List<DayCell>> weeks = new ArrayList<>();
            List<DayCell> week = new ArrayList<>();
            for (int blank = 1; blank < yearMonth.atDay(1).getDayOfWeek().getValue(); blank++) {
                week.add(null);
            }
            for (int day = 1; day <= yearMonth.lengthOfMonth(); day++) {
                LocalDate date = yearMonth.atDay(day);
                WorkingCalendarStore.CalendarDay entry = byDate.get(date);
                DayType type = entry != null ? entry.type()
                        : weekend.contains(date.getDayOfWeek()) ? DayType.WEEKEND : DayType.WORKDAY;
                if (type == DayType.WORKDAY) {
                    workdays++;
                }
                week.add(new DayCell(date, type, entry == null ? null : entry.name(), entry != null));
                if (week.size() == 7) {
                    weeks.add(week);
                    week = new ArrayList<>();
                }
            }
            if (!week.isEmpty()) {
                while (week.size() < 7) {
                    week.add(null);
                }
                weeks.add(week);
            }
            months.add(new MonthView(yearMonth, weeks));
        }
        return new YearView(calendar, year, weekend, own.isPresent(), listed, months, workdays);
    }

    record ImportReport(int rows, int saved, int removed, List<Integer> years, List<CalendarCsv.Problem> problems) {
    }

    record YearView(WorkingCalendar calendar, int year, Set<DayOfWeek> weekendDays, boolean ownWeekendDays,
                    List<WorkingCalendarStore.CalendarDay> listed, List<MonthView> months, int workdays) {
    }

    record MonthView(YearMonth month, List<List<DayCell>> weeks) {
    }

    record DayCell(LocalDate date, DayType type, String name, boolean listed) {
    }
}
