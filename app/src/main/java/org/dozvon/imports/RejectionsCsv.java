package org.dozvon.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The rejected rows of a run as a CSV that Excel opens as it is: UTF-8 with a BOM, ';' between columns. */
final class RejectionsCsv {

    private RejectionsCsv() {
    }

    static void write(ImportRunStore runs, long runId, OutputStream out) throws IOException {
        out.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVFormat format = CSVFormat.Builder.create(CSVFormat.EXCEL).setDelimiter(';')
                .setHeader("row", "column", "value", "reason").build();
        try (CSVPrinter csv = new CSVPrinter(writer, format)) {
            long after = 0;
            List<ImportRunStore.Rejection> page;
            do {
                page = runs.rejections(runId, after, 5000);
                for (ImportRunStore.Rejection rejection : page) {
                    // a value that looks like a formula is written as text, so that Excel never runs it
                    csv.printRecord(rejection.row(), rejection.column(), safe(rejection.value()), rejection.reason());
                    after = rejection.row();
                }
            } while (!page.isEmpty());
        }
    }

    private static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' ? "'" + value : value;
    }
}
