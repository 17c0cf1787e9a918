package org.dozvon.campaigns;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.dozvon.ApiPage;
import org.dozvon.InvalidRequest;
import org.dozvon.web.Problems;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/v1/calendars}: working-day calendars over REST, their file import and export. */
@RestController
@RequestMapping("/api/v1/calendars")
class WorkingCalendarsApi {

    private final WorkingCalendars calendars;
    private final Problems problems;
    private final Clock clock;

    WorkingCalendarsApi(WorkingCalendars calendars, Problems problems, Clock clock) {
        this.calendars = calendars;
        this.problems = problems;
        this.clock = clock;
    }

    /** Calendars in id order ({@link ApiPage}); {@code q} keeps those whose name contains it (any case). */
    @GetMapping
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    ApiPage<WorkingCalendar> list(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String cursor,
                                  @RequestParam(required = false) Integer limit) {
        String text = q.strip().toLowerCase(Locale.ROOT);
        return ApiPage.byId(calendars.calendars().stream()
                .filter(calendar -> text.isEmpty() || calendar.name().toLowerCase(Locale.ROOT).contains(text)).toList(),
                cursor, limit, WorkingCalendar::id, calendar -> calendar);
    }

    /** The calendar with one year ({@code year}, default this year): its weekend days and listed dates. */
    @GetMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    CalendarDto get(@PathVariable long id, @RequestParam(required = false) Integer year) {
        WorkingCalendars.YearView view = calendars.year(id, year == null ? LocalDate.now(clock).getYear() : year);
        return new CalendarDto(view.calendar().id(), view.calendar().name(), view.calendar().description(),
                view.calendar().weekendDays(), calendars.years(id), view.year(), view.weekendDays(), view.workdays(),
                view.listed().stream().map(day -> new DayDto(day.date(), day.type(), day.name())).toList());
    }

    /** {@code ?date=2027-01-08}, or {@code ?from=...&to=...} for every date of a range (both included). */
    @GetMapping("/{id}/day-types")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    ResponseEntity<?> dayTypes(@PathVariable long id,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        calendars.existing(id);
        if (date != null) {
            return ResponseEntity.ok(Map.of(date.toString(), calendars.dayType(id, date)));
        }
        if (from == null || to == null) {
            throw new InvalidRequest(from == null ? "from" : "to", "calendars.api.range");
        }
        if (to.isBefore(from) || from.plusDays(3700).isBefore(to)) {
            throw new InvalidRequest("to", "calendars.api.range");
        }
        return ResponseEntity.ok(calendars.dayTypes(id, from, to));
    }

    /** Body: name, description, weekendDays (default SATURDAY and SUNDAY). */
    @PostMapping
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> create(@RequestBody CalendarRequest request) {
        ReferenceResult result = calendars.save(null, request.name(), request.description(), request.days());
        if (!result.ok()) {
            return problems.invalid(result.violations());
        }
        return ResponseEntity.created(URI.create("/api/v1/calendars/" + result.id())).body(calendars.existing(result.id()));
    }

    @PutMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> update(@PathVariable long id, @RequestBody CalendarRequest request) {
        ReferenceResult result = calendars.save(id, request.name(), request.description(), request.days());
        return result.ok() ? ResponseEntity.ok(calendars.existing(id)) : problems.invalid(result.violations());
    }

    @DeleteMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> delete(@PathVariable long id) {
        ReferenceResult result = calendars.delete(id);
        return result.ok() ? ResponseEntity.noContent().build() : problems.conflict(result.violations());
    }

    /**
     * Body: the year's own weekend days ({@code ["SATURDAY", "SUNDAY"]}; {@code []} for none); no body or
     * {@code null} makes the year follow the calendar's again.
     */
    @PutMapping("/{id}/years/{year}/weekend-days")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> yearWeekendDays(@PathVariable long id, @PathVariable int year,
                                      @RequestBody(required = false) Set<DayOfWeek> days) {
        ReferenceResult result = calendars.setYearWeekendDays(id, year, days == null ? null : EnumSet.copyOf(
                days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : days));
        return result.ok() ? ResponseEntity.noContent().build() : problems.invalid(result.violations());
    }

    /** Lists a date: body {@code {"type": "HOLIDAY", "name": "..."}}. */
    @PutMapping("/{id}/days/{date}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> putDay(@PathVariable long id, @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                             @RequestBody DayRequest request) {
        ReferenceResult result = calendars.putDay(id, date, request.type(), request.name());
        return result.ok() ? ResponseEntity.noContent().build() : problems.invalid(result.violations());
    }

    @DeleteMapping("/{id}/days/{date}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> removeDay(@PathVariable long id,
                                   @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        calendars.existing(id);
        return calendars.removeDay(id, date) ? ResponseEntity.noContent().build()
                : problems.refused(HttpStatus.NOT_FOUND, "calendars.api.dayNotListed", date);
    }

    /** Imports a calendar file sent as the body ({@code text/csv} or {@code text/plain}). */
    @PostMapping(path = "/{id}/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> importBody(@PathVariable long id, InputStream body,
                                 @RequestParam(defaultValue = "false") boolean replaceYears) throws IOException {
        byte[] bytes = body.readNBytes(CalendarCsv.MAX_BYTES + 1);
        return bytes.length > CalendarCsv.MAX_BYTES ? tooLarge() : importFile(id, bytes, replaceYears);
    }

    /** Imports a calendar file sent as the multipart part {@code file}. */
    @PostMapping(path = "/{id}/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> importPart(@PathVariable long id, @RequestPart("file") MultipartFile file,
                                 @RequestParam(defaultValue = "false") boolean replaceYears) throws IOException {
        if (file.getSize() > CalendarCsv.MAX_BYTES) {
            return tooLarge();
        }
        return importFile(id, file.getBytes(), replaceYears);
    }

    /** The listed dates as a calendar file, of one year or of all. */
    @GetMapping(path = "/{id}/export", produces = "text/csv")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    ResponseEntity<byte[]> export(@PathVariable long id, @RequestParam(required = false) Integer year) {
        return WorkingCalendarsController.csv(calendars.existing(id), year, calendars.exportCsv(id, year));
    }

    private ResponseEntity<?> importFile(long id, byte[] bytes, boolean replaceYears) {
        calendars.existing(id);
        WorkingCalendars.ImportReport report;
        try {
            report = calendars.importCsv(id, bytes, replaceYears);
        } catch (CalendarCsv.CalendarFileException e) {
            return Problems.problem(HttpStatus.UNPROCESSABLE_ENTITY, problems.message(e.messageKey(), e.arguments()), null);
        }
        return ResponseEntity.ok(new ImportDto(report.rows(), report.saved(), report.removed(), report.years(),
                report.problems().stream().map(p -> new RejectedLine(p.line(), p.text(),
                        problems.message(p.reasonKey(), p.arguments()))).toList()));
    }

    private ResponseEntity<?> tooLarge() {
        return Problems.problem(HttpStatus.PAYLOAD_TOO_LARGE,
                problems.message("calendars.csv.tooLarge", CalendarCsv.MAX_BYTES / 1024), null);
    }

    record CalendarRequest(String name, String description, Set<DayOfWeek> weekendDays) {
        Set<DayOfWeek> days() {
            return weekendDays == null ? null : weekendDays.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(weekendDays);
        }
    }

    record DayRequest(DayType type, String name) {
    }

    record DayDto(LocalDate date, DayType type, String name) {
    }

    record CalendarDto(long id, String name, String description, Set<DayOfWeek> weekendDays, List<Integer> years,
                       int year, Set<DayOfWeek> yearWeekendDays, int yearWorkdays, List<DayDto> days) {
    }

    record ImportDto(int rows, int saved, int removed, List<Integer> years, List<RejectedLine> rejected) {
    }

    record RejectedLine(int line, String text, String reason) {
    }
}
