package org.dozvon.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Contact files written by the tests themselves, into a temporary folder: nothing large is committed.
 */
final class TestFiles {

    private TestFiles() {
    }

    static Path text(Path folder, String name, String content, Charset charset) {
        return bytes(folder, name, content.getBytes(charset));
    }

    static Path bytes(Path folder, String name, byte[] content) {
        try {
            return Files.write(folder.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An XLSX workbook written by POI's streaming writer, as a large export would be. */
    static Path xlsx(Path folder, String name, Consumer<Sheet> firstSheet) {
        Path file = folder.resolve(name);
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(file)) {
            firstSheet.accept(workbook.createSheet("Contacts"));
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Path xls(Path folder, String name, Consumer<Sheet> firstSheet) {
        Path file = folder.resolve(name);
        try (HSSFWorkbook workbook = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            firstSheet.accept(workbook.createSheet("Contacts"));
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static TabularFile open(Path file) {
        return TabularFiles.open(file, file.getFileName().toString(), ReadOptions.DEFAULTS);
    }

    static List<TabularRow> rows(TabularFile tabular) {
        List<TabularRow> rows = new ArrayList<>();
        for (TabularRow row = tabular.next(); row != null; row = tabular.next()) {
            rows.add(row);
        }
        return rows;
    }

    static List<TabularRow> readAll(Path file, ReadOptions options) {
        try (TabularFile tabular = TabularFiles.open(file, file.getFileName().toString(), options)) {
            return rows(tabular);
        }
    }

    static List<TabularRow> readAll(Path file) {
        return readAll(file, ReadOptions.DEFAULTS);
    }

    static TabularRow row(long number, String... cells) {
        return new TabularRow(number, List.of(cells), null);
    }
}
