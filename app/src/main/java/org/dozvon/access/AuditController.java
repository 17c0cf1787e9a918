package org.dozvon.access;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit journal page (manual: the action journal): filters, newest first, 50 a page with an "older" link
 * (keyset), each record opening to its fields before and after; and the filtered journal as CSV or XLSX (at most
 * {@code dozvon.access.audit.export-limit} rows, streamed), each export itself a record of the journal.
 */
@Controller
@RequiresPermission(Permission.AUDIT_VIEW)
class AuditController {

    static final int PAGE = 50;

    private final AuditJournal journal;
    private final Audit audit;
    private final AuditProperties properties;
    private final Clock clock;
    private final MessageSource messages;

    AuditController(AuditJournal journal, Audit audit, AuditProperties properties, Clock clock, MessageSource messages) {
        this.journal = journal;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        this.messages = messages;
    }

    /** The page's filter: dates are whole days in the server's zone, "to" included. */
    record Form(String from, String to, String user, String action, String objectType, String objectId, String text) {

        Form {
            from = nz(from);
            to = nz(to);
            user = nz(user);
            action = nz(action);
            objectType = nz(objectType);
            objectId = nz(objectId);
            text = nz(text);
        }

        AuditJournal.Filter filter(ZoneId zone) {
            return new AuditJournal.Filter(day(from, zone, 0), day(to, zone, 1), user, action, objectType, objectId, text);
        }

        /** The query string of this filter, for the "older" link and the exports. */
        Map<String, String> params() {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("from", from);
            params.put("to", to);
            params.put("user", user);
            params.put("action", action);
            params.put("objectType", objectType);
            params.put("objectId", objectId);
            params.put("text", text);
            params.values().removeIf(String::isEmpty);
            return params;
        }

        private static Instant day(String value, ZoneId zone, int plus) {
            if (value.isEmpty()) {
                return null;
            }
            try {
                return LocalDate.parse(value).plusDays(plus).atStartOfDay(zone).toInstant();
            } catch (DateTimeException e) {
                return null;
            }
        }

        private static String nz(String value) {
            return value == null ? "" : value.strip();
        }
    }

    /** A record as the page shows it: the event and its fields before and after. */
    record Entry(AuditEvent event, List<AuditJournal.Change> changes) {
    }

    @GetMapping("/audit")
    String page(Form form, @RequestParam(required = false) String older, Model model) {
        ZoneId zone = ZoneId.systemDefault();
        AuditJournal.Key key = key(older);
        List<AuditEvent> rows = journal.find(form.filter(zone), key, PAGE + 1);
        boolean more = rows.size() > PAGE;
        List<AuditEvent> kept = more ? rows.subList(0, PAGE) : rows;
        model.addAttribute("form", form);
        model.addAttribute("rows", kept.stream().map(event -> new Entry(event, journal.changes(event))).toList());
        model.addAttribute("zone", zone);
        model.addAttribute("actions", journal.actions());
        model.addAttribute("objectTypes", journal.objectTypes());
        model.addAttribute("query", query(form.params()));
        model.addAttribute("older", more ? cursor(kept.get(kept.size() - 1)) : null);
        model.addAttribute("first", key == null);
        model.addAttribute("exportLimit", properties.exportLimit());
        return "access/audit";
    }

    @GetMapping("/audit/export")
    void export(Form form, @RequestParam(defaultValue = "csv") String format, @AuthenticationPrincipal DozvonUser user,
                HttpServletResponse response) throws IOException {
        boolean xlsx = "xlsx".equalsIgnoreCase(format);
        AuditJournal.Filter filter = form.filter(ZoneId.systemDefault());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("format", xlsx ? "xlsx" : "csv");
        after.put("filter", form.params());
        // the export is recorded first, so that it is in the journal even if the download breaks off
        audit.record(user, "export", "audit-journal", null, null, after);
        String name = "audit-" + LocalDate.now(clock.withZone(ZoneId.systemDefault())) + (xlsx ? ".xlsx" : ".csv");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        String cut = messages.getMessage("audit.export.cut", new Object[] {properties.exportLimit()},
                LocaleContextHolder.getLocale());
        if (xlsx) {
            response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            writeXlsx(filter, cut, response.getOutputStream());
        } else {
            response.setContentType("text/csv; charset=UTF-8");
            writeCsv(filter, cut, response.getOutputStream());
        }
    }

    private static final List<String> HEADER = List.of("id", "at", "user", "roles", "action", "object_type", "object_id",
            "changes", "before", "after");

    private List<String> cells(AuditEvent event) {
        String changes = journal.changes(event).stream().filter(AuditJournal.Change::changed)
                .map(change -> change.field() + ": " + nz(change.before()) + " → " + nz(change.after()))
                .collect(Collectors.joining("; "));
        return List.of(String.valueOf(event.id()), event.at().toString(), event.username(), event.roles(), event.action(),
                event.objectType(), nz(event.objectId()), changes, nz(event.before()), nz(event.after()));
    }

    private void writeCsv(AuditJournal.Filter filter, String cut, OutputStream out) throws IOException {
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVFormat format = CSVFormat.Builder.create(CSVFormat.EXCEL).setDelimiter(';').build();
        try (CSVPrinter csv = new CSVPrinter(writer, format)) {
            csv.printRecord(HEADER);
            int[] count = {0};
            journal.each(filter, properties.exportLimit() + 1, event -> {
                try {
                    if (++count[0] > properties.exportLimit()) {
                        csv.printRecord(cut);
                    } else {
                        csv.printRecord(cells(event).stream().map(AuditController::safe).toList());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private void writeXlsx(AuditJournal.Filter filter, String cut, OutputStream out) throws IOException {
        try (SXSSFWorkbook book = new SXSSFWorkbook(200)) {
            Sheet sheet = book.createSheet("Audit");
            Row first = sheet.createRow(0);
            for (int i = 0; i < HEADER.size(); i++) {
                first.createCell(i).setCellValue(HEADER.get(i));
            }
            int[] next = {1};
            journal.each(filter, properties.exportLimit() + 1, event -> {
                Row row = sheet.createRow(next[0]++);
                if (next[0] - 1 > properties.exportLimit()) {
                    row.createCell(0).setCellValue(cut);
                    return;
                }
                List<String> cells = cells(event);
                for (int i = 0; i < cells.size(); i++) {
                    // string cells: Excel shows them, never evaluates them; a cell holds 32767 characters at most
                    String value = cells.get(i);
                    row.createCell(i).setCellValue(value.length() > 32767 ? value.substring(0, 32767) : value);
                }
            });
            book.write(out);
            book.dispose();
        }
    }

    /** A CSV cell that a spreadsheet would take for a formula is prefixed with an apostrophe. */
    private static String safe(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    static String cursor(AuditEvent event) {
        Instant at = event.at();
        return at.getEpochSecond() + "." + at.getNano() / 1000 + "." + event.id();
    }

    static AuditJournal.Key key(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        String[] parts = cursor.split("\\.");
        try {
            return new AuditJournal.Key(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]) * 1000),
                    Long.parseLong(parts[2]));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String query(Map<String, String> params) {
        List<String> pairs = new ArrayList<>();
        params.forEach((name, value) -> pairs.add(name + "=" + java.net.URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return String.join("&", pairs);
    }
}
