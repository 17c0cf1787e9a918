package org.dozvon.contacts;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.dozvon.access.Audit;
import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A list's contacts as a file, streamed page by page so that a million contacts never sit in memory:
 * CSV that Excel opens as it is (UTF-8 with BOM, ';') or XLSX written by POI's streaming workbook.
 */
@Controller
class ContactExport {

    private static final int PAGE = 5000;

    private final ContactLists contactLists;
    private final ContactStore store;
    private final FieldAccess fieldAccess;
    private final Audit audit;

    ContactExport(ContactLists contactLists, ContactStore store, FieldAccess fieldAccess, Audit audit) {
        this.contactLists = contactLists;
        this.store = store;
        this.fieldAccess = fieldAccess;
        this.audit = audit;
    }

    /** The fields the caller sees: hidden ones have no column, masked ones are written masked. */
    @GetMapping({"/contacts/lists/{id}/export", "/api/v1/contact-lists/{id}/export"})
    @RequiresPermission(Permission.CONTACTS_VIEW)
    void export(@PathVariable long id, @RequestParam(defaultValue = "csv") String format,
                @AuthenticationPrincipal DozvonUser user, HttpServletResponse response) throws IOException {
        ListSchema full = contactLists.schema(id).orElseThrow(() -> new ContactCatalogue.NotFound("contact list " + id));
        ShownFields shown = fieldAccess.shownTo(user);
        ListSchema schema = new ListSchema(full.listId(), full.listName(), shown.fields(full));
        boolean xlsx = "xlsx".equalsIgnoreCase(format);
        audit.record(user, "export", "contact-list", id, null, java.util.Map.of("format", xlsx ? "xlsx" : "csv"));
        String name = "contacts-" + id + (xlsx ? ".xlsx" : ".csv");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        List<String> header = new ArrayList<>();
        header.add("id");
        schema.fields().forEach(field -> header.add(field.name()));
        header.add("DNC");
        if (xlsx) {
            response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            writeXlsx(schema, shown, header, response.getOutputStream());
        } else {
            response.setContentType("text/csv; charset=UTF-8");
            writeCsv(schema, shown, header, response.getOutputStream());
        }
    }

    private void writeCsv(ListSchema schema, ShownFields shown, List<String> header, OutputStream out) throws IOException {
        out.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVFormat format = CSVFormat.Builder.create(CSVFormat.EXCEL).setDelimiter(';').build();
        try (CSVPrinter csv = new CSVPrinter(writer, format)) {
            csv.printRecord(header);
            forEachContact(schema, contact -> {
                List<String> row = new ArrayList<>();
                row.add(String.valueOf(contact.id()));
                // phones are E.164 (+ and digits only): no formula can hide there, and a prefix would spoil re-import
                schema.fields().forEach(field -> row.add(field.type() == FieldType.PHONE && shown.visible(field.code())
                        ? text(contact, field, shown) : safe(text(contact, field, shown))));
                row.add(contact.dnc() ? "DNC" : "");
                csv.printRecord(row);
            });
        }
    }

    private void writeXlsx(ListSchema schema, ShownFields shown, List<String> header, OutputStream out) throws IOException {
        try (SXSSFWorkbook book = new SXSSFWorkbook(200)) {
            Sheet sheet = book.createSheet("Contacts");
            Row first = sheet.createRow(0);
            for (int i = 0; i < header.size(); i++) {
                first.createCell(i).setCellValue(header.get(i));
            }
            int[] next = {1};
            forEachContact(schema, contact -> {
                Row row = sheet.createRow(next[0]++);
                row.createCell(0).setCellValue(contact.id());
                for (int i = 0; i < schema.fields().size(); i++) {
                    ListSchema.Field field = schema.fields().get(i);
                    Object value = shown.value(field.code(), contact.attributes().get(field.code()));
                    if (value instanceof Number number) {
                        row.createCell(i + 1).setCellValue(number.doubleValue());
                    } else if (value != null) {
                        // a string cell: Excel shows it, never evaluates it
                        row.createCell(i + 1).setCellValue(String.valueOf(value));
                    }
                }
                row.createCell(schema.fields().size() + 1).setCellValue(contact.dnc() ? "DNC" : "");
            });
            book.write(out);
            book.dispose();
        }
    }

    private void forEachContact(ListSchema schema, ContactConsumer consumer) throws IOException {
        Long after = null;
        List<ContactStore.StoredContact> page;
        do {
            page = store.page(schema.listId(), after, false, PAGE, ContactQuery.ALL);
            for (ContactStore.StoredContact contact : page) {
                consumer.accept(contact);
                after = contact.id();
            }
        } while (page.size() == PAGE);
    }

    private static String text(ContactStore.StoredContact contact, ListSchema.Field field, ShownFields shown) {
        Object value = shown.value(field.code(), contact.attributes().get(field.code()));
        return value == null ? "" : String.valueOf(value);
    }

    /** A cell that Excel would take for a formula is written as text: CSV injection goes nowhere. */
    private static String safe(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' ? "'" + value : value;
    }

    @FunctionalInterface
    private interface ContactConsumer {
        void accept(ContactStore.StoredContact contact) throws IOException;
    }
}
