package org.dozvon.campaigns;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Working-day calendars, their years' weekend days and their dated days in PostgreSQL. */
@Repository
class WorkingCalendarStore {

    private final JdbcClient jdbc;

    WorkingCalendarStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<WorkingCalendar> calendars() {
        return jdbc.sql("select id, name, description, weekend_days from working_calendar order by lower(name)")
                .query(WorkingCalendarStore::calendar).list();
    }

    Optional<WorkingCalendar> calendar(long id) {
        return jdbc.sql("select id, name, description, weekend_days from working_calendar where id = :id")
                .param("id", id).query(WorkingCalendarStore::calendar).optional();
    }

    boolean nameTaken(String name, Long except) {
        return jdbc.sql("select count(*) > 0 from working_calendar where lower(name) = lower(:name) and id <> :except")
                .param("name", name).param("except", except == null ? -1 : except).query(Boolean.class).single();
    }

    long insert(String name, String description, Set<DayOfWeek> weekendDays, Instant now) {
        return jdbc.sql("""
                        insert into working_calendar (name, description, weekend_days, created_at, updated_at)
                        values (:name, :description, cast(:days as integer[]), :now, :now) returning id""")
                .param("name", name).param("description", description).param("days", numbers(weekendDays))
                .param("now", Timestamp.from(now)).query(Long.class).single();
    }

    void update(long id, String name, String description, Set<DayOfWeek> weekendDays, Instant now) {
        jdbc.sql("""
                        update working_calendar set name = :name, description = :description,
                            weekend_days = cast(:days as integer[]), updated_at = :now, version = version + 1
                        where id = :id""")
                .param("name", name).param("description", description).param("days", numbers(weekendDays))
                .param("now", Timestamp.from(now)).param("id", id).update();
    }

    void delete(long id) {
        jdbc.sql("delete from working_calendar where id = :id").param("id", id).update();
    }

    /** The year's own weekend days, if it has them. */
    Optional<Set<DayOfWeek>> yearWeekendDays(long calendarId, int year) {
        return jdbc.sql("select weekend_days from working_calendar_year where calendar_id = :id and year = :year")
                .param("id", calendarId).param("year", year)
                .query((rs, n) -> days(rs.getArray(1))).optional();
    }

    void setYearWeekendDays(long calendarId, int year, Set<DayOfWeek> days) {
        jdbc.sql("""
                        insert into working_calendar_year (calendar_id, year, weekend_days) values (:id, :year, cast(:days as integer[]))
                        on conflict (calendar_id, year) do update set weekend_days = excluded.weekend_days""")
                .param("id", calendarId).param("year", year).param("days", numbers(days)).update();
    }

    void clearYearWeekendDays(long calendarId, int year) {
        jdbc.sql("delete from working_calendar_year where calendar_id = :id and year = :year")
                .param("id", calendarId).param("year", year).update();
    }

    /**
     * The type of one date: the listed day's type, else weekend or workday by the weekend days that
     * apply to its year. Empty when there is no such calendar.
     */
    Optional<DayType> dayType(long calendarId, LocalDate date) {
        return jdbc.sql("""
                        select d.type, coalesce(y.weekend_days, c.weekend_days)
                        from working_calendar c
                        left join working_calendar_day d on d.calendar_id = c.id and d.day = :date
                        left join working_calendar_year y on y.calendar_id = c.id and y.year = :year
                        where c.id = :id""")
                .param("id", calendarId).param("date", Date.valueOf(date)).param("year", date.getYear())
                .query((rs, n) -> rs.getString(1) != null ? DayType.valueOf(rs.getString(1))
                        : days(rs.getArray(2)).contains(date.getDayOfWeek()) ? DayType.WEEKEND : DayType.WORKDAY)
                .optional();
    }

    /** The listed days between two dates (inclusive), by date. */
    List<CalendarDay> days(long calendarId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select day, type, name from working_calendar_day
                        where calendar_id = :id and day between :from and :to order by day""")
                .param("id", calendarId).param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
                .query((rs, n) -> new CalendarDay(rs.getDate(1).toLocalDate(), DayType.valueOf(rs.getString(2)),
                        rs.getString(3)))
                .list();
    }

    /** Years with listed days or weekend days of their own. */
    List<Integer> years(long calendarId) {
        return jdbc.sql("""
                        select distinct extract(year from day)::integer from working_calendar_day where calendar_id = :id
                        union select year from working_calendar_year where calendar_id = :id order by 1""")
                .param("id", calendarId).query(Integer.class).list();
    }

    /** Lists or relists days: a date already listed takes the new type and name. */
    void putDays(long calendarId, Collection<CalendarDay> days) {
        if (days.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into working_calendar_day (calendar_id, day, type, name)
                        select :id, d, t, nullif(n, '') from unnest(cast(:days as date[]), cast(:types as varchar[]),
                            cast(:names as varchar[])) as u (d, t, n)
                        on conflict (calendar_id, day) do update set type = excluded.type, name = excluded.name""")
                .param("id", calendarId)
                .param("days", days.stream().map(day -> day.date().toString()).toArray(String[]::new))
                .param("types", days.stream().map(day -> day.type().name()).toArray(String[]::new))
                .param("names", days.stream().map(day -> day.name() == null ? "" : day.name()).toArray(String[]::new))
                .update();
    }

    boolean removeDay(long calendarId, LocalDate date) {
        return jdbc.sql("delete from working_calendar_day where calendar_id = :id and day = :day")
                .param("id", calendarId).param("day", Date.valueOf(date)).update() > 0;
    }

    int clearYears(long calendarId, Collection<Integer> years) {
        if (years.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        delete from working_calendar_day
                        where calendar_id = :id and extract(year from day)::integer = any(cast(:years as integer[]))""")
                .param("id", calendarId).param("years", years.toArray(Integer[]::new)).update();
    }

    private static WorkingCalendar calendar(ResultSet rs, int n) throws SQLException {
        return new WorkingCalendar(rs.getLong(1), rs.getString(2), rs.getString(3), days(rs.getArray(4)));
    }

    private static Set<DayOfWeek> days(Array array) throws SQLException {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (Object number : (Object[]) array.getArray()) {
            days.add(DayOfWeek.of(((Number) number).intValue()));
        }
        return days;
    }

    private static Integer[] numbers(Set<DayOfWeek> days) {
        return days.stream().sorted().map(DayOfWeek::getValue).toArray(Integer[]::new);
    }

    /** A date listed in a calendar. */
    record CalendarDay(LocalDate date, DayType type, String name) {
    }
}
