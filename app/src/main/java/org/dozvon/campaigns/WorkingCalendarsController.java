package org.dozvon.campaigns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletResponse;

import org.dozvon.Violation;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Campaigns → Calendars: working-day calendars, a year at a time, by hand or from a file. */
@Controller
@RequestMapping("/campaigns/calendars")
class WorkingCalendarsController {

    private final WorkingCalendars calendars;
    private final Clock clock;

    WorkingCalendarsController(WorkingCalendars calendars, Clock clock) {
        this.calendars = calendars;
        this.clock = clock;
    }

    @GetMapping
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    String list(Model model) {
        model.addAttribute("calendars", calendars.calendars());
        model.addAttribute("weekdays", DayOfWeek.values());
        if (!model.containsAttribute("violations")) {
            model.addAttribute("violations", List.of());
            model.addAttribute("weekendDays", EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
        }
        return "campaigns/calendars";
    }

    @PostMapping
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String create(@RequestParam(required = false) String name, @RequestParam(required = false) String description,
                  @RequestParam(required = false) Set<DayOfWeek> weekendDays, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        Set<DayOfWeek> days = days(weekendDays);
        ReferenceResult result = calendars.save(null, name, description, days);
        if (!result.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("violations", result.violations());
            model.addAttribute("name", name);
            model.addAttribute("description", description);
            model.addAttribute("weekendDays", days);
            return list(model);
        }
        redirect.addFlashAttribute("notice", "calendars.saved");
        return "redirect:/campaigns/calendars/" + result.id();
    }

    /** One year of the calendar ({@code year}, default this year). */
    @GetMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    String calendar(@PathVariable long id, @RequestParam(required = false) Integer year, Model model) {
        int shown = year == null || year < WorkingCalendars.FIRST_YEAR || year > WorkingCalendars.LAST_YEAR
                ? LocalDate.now(clock).getYear() : year;
        WorkingCalendars.YearView view = calendars.year(id, shown);
        Set<Integer> years = new TreeSet<>(calendars.years(id));
        years.add(shown);
        years.add(LocalDate.now(clock).getYear());
        years.add(LocalDate.now(clock).getYear() + 1);
        model.addAttribute("view", view);
        model.addAttribute("calendar", view.calendar());
        model.addAttribute("years", years);
        model.addAttribute("weekdays", DayOfWeek.values());
        model.addAttribute("types", DayType.values());
        if (!model.containsAttribute("violations")) {
            model.addAttribute("violations", List.of());
        }
        return "campaigns/calendar";
    }

    @PostMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String save(@PathVariable long id, @RequestParam(required = false) String name,
                @RequestParam(required = false) String description, @RequestParam(required = false) Set<DayOfWeek> weekendDays,
                @RequestParam(required = false) Integer year, Model model, RedirectAttributes redirect,
                HttpServletResponse response) {
        ReferenceResult result = calendars.save(id, name, description, days(weekendDays));
        if (!result.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("violations", result.violations());
            model.addAttribute("name", name);
            model.addAttribute("description", description);
            return calendar(id, year, model);
        }
        redirect.addFlashAttribute("notice", "calendars.saved");
        return "redirect:/campaigns/calendars/" + id + (year == null ? "" : "?year=" + year);
    }

    /** The year's own weekend days, or ({@code follow}) the calendar's. */
    @PostMapping("/{id}/years/{year}/weekend-days")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String yearWeekendDays(@PathVariable long id, @PathVariable int year,
                           @RequestParam(required = false) Set<DayOfWeek> weekendDays,
                           @RequestParam(defaultValue = "false") boolean follow, RedirectAttributes redirect) {
        ReferenceResult result = calendars.setYearWeekendDays(id, year, follow ? null : days(weekendDays));
        if (result.ok()) {
            redirect.addFlashAttribute("notice", "calendars.weekendSaved");
        } else {
            redirect.addFlashAttribute("refusal", result.violations().get(0));
        }
        return "redirect:/campaigns/calendars/" + id + "?year=" + year;
    }

    @PostMapping("/{id}/days")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String putDay(@PathVariable long id, @RequestParam(required = false) String date,
                  @RequestParam(required = false) DayType type, @RequestParam(required = false) String name,
                  @RequestParam(required = false) Integer year, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        LocalDate day = date == null ? null : CalendarCsv.date(date.strip());
        ReferenceResult result = calendars.putDay(id, day, type, name);
        if (!result.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("violations", result.violations());
            model.addAttribute("dayDate", date);
            model.addAttribute("dayType", type);
            model.addAttribute("dayName", name);
            return calendar(id, year, model);
        }
        redirect.addFlashAttribute("notice", "calendars.daySaved");
        return "redirect:/campaigns/calendars/" + id + "?year=" + day.getYear();
    }

    @PostMapping("/{id}/days/{date}/delete")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String removeDay(@PathVariable long id, @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                     RedirectAttributes redirect) {
        calendars.removeDay(id, date);
        redirect.addFlashAttribute("notice", "calendars.dayRemoved");
        return "redirect:/campaigns/calendars/" + id + "?year=" + date.getYear();
    }

    @PostMapping("/{id}/import")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String importFile(@PathVariable long id, @RequestParam(required = false) MultipartFile file,
                      @RequestParam(defaultValue = "false") boolean replaceYears, @RequestParam(required = false) Integer year,
                      RedirectAttributes redirect) throws IOException {
        calendars.existing(id);
        String back = "redirect:/campaigns/calendars/" + id + (year == null ? "" : "?year=" + year);
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("refusal", new Violation("file", "calendars.error.noFile"));
            return back;
        }
        if (file.getSize() > CalendarCsv.MAX_BYTES) {
            redirect.addFlashAttribute("refusal", new Violation("file", "calendars.csv.tooLarge", CalendarCsv.MAX_BYTES / 1024));
            return back;
        }
        try {
            WorkingCalendars.ImportReport report = calendars.importCsv(id, file.getBytes(), replaceYears);
            redirect.addFlashAttribute("report", report);
            if (year == null && !report.years().isEmpty()) {
                back = "redirect:/campaigns/calendars/" + id + "?year=" + report.years().get(0);
            }
        } catch (CalendarCsv.CalendarFileException e) {
            redirect.addFlashAttribute("refusal", new Violation("file", e.messageKey(), e.arguments()));
        }
        return back;
    }

    /** The listed dates of a year (or all) as a calendar file: {@code date;type;name}, UTF-8 with a BOM for Excel. */
    @GetMapping("/{id}/export")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    ResponseEntity<byte[]> export(@PathVariable long id, @RequestParam(required = false) Integer year) {
        return csv(calendars.existing(id), year, calendars.exportCsv(id, year));
    }

    @PostMapping("/{id}/delete")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        ReferenceResult result = calendars.delete(id);
        if (!result.ok()) {
            redirect.addFlashAttribute("refusal", result.violations().get(0));
            return "redirect:/campaigns/calendars/" + id;
        }
        redirect.addFlashAttribute("notice", "calendars.deleted");
        return "redirect:/campaigns/calendars";
    }

    static ResponseEntity<byte[]> csv(WorkingCalendar calendar, Integer year, String text) {
        String fileName = "calendar-" + calendar.id() + (year == null ? "" : "-" + year) + ".csv";
        byte[] body = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .body(body);
    }

    private static Set<DayOfWeek> days(Set<DayOfWeek> chosen) {
        return chosen == null || chosen.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(chosen);
    }
}
