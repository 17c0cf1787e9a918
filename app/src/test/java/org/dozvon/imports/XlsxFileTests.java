package org.dozvon.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dozvon.imports.TestFiles.open;
import static org.dozvon.imports.TestFiles.readAll;
import static org.dozvon.imports.TestFiles.row;
import static org.dozvon.imports.TestFiles.rows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxFileTests {

    @TempDir
    Path folder;

    @Test
    void readsTheFirstSheetRowByRowWithItsOwnRowNumbers() {
        Path file = TestFiles.xlsx(folder, "contacts.xlsx", sheet -> {
            values(sheet.createRow(0), " Фамилия ", "Телефон", "Город");
            values(sheet.createRow(1), "Иванов", "79123456789", "Москва");
            // rows 3 to 5 are missing, row 6 has only blank cells
            values(sheet.createRow(5), "", " ");
            values(sheet.createRow(6), "Петров", "79001112233");
        });

        try (TabularFile xlsx = open(file)) {
            assertThat(xlsx.format()).isEqualTo(TabularFormat.XLSX);
            assertThat(xlsx.charset()).isEmpty();
            assertThat(xlsx.delimiter()).isEmpty();
            assertThat(xlsx.header()).containsExactly("Фамилия", "Телефон", "Город");
            assertThat(rows(xlsx)).containsExactly(
                    row(2, "Иванов", "79123456789", "Москва"),
                    row(7, "Петров", "79001112233", ""));
        }
    }

    @Test
    void readsSharedStrings() throws IOException {
        Path file = folder.resolve("contacts.xlsx");
        try (var workbook = new SXSSFWorkbook(null, 100, false, true); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("Лист1");
            values(sheet.createRow(0), "name", "city");
            values(sheet.createRow(1), "Ivan", "Омск");
            values(sheet.createRow(2), "Petr", "Омск");
            workbook.write(out);
        }

        assertThat(readAll(file)).containsExactly(row(2, "Ivan", "Омск"), row(3, "Petr", "Омск"));
    }

    @Test
    void readsFormulasAsTheirTextNeverAsTheirValues() {
        Path file = TestFiles.xlsx(folder, "contacts.xlsx", sheet -> {
            values(sheet.createRow(0), "name", "link", "sum");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("Ivan");
            row.createCell(1).setCellFormula("HYPERLINK(\"http://x\",\"y\")");
            row.createCell(2).setCellFormula("1+1");
        });

        assertThat(readAll(file)).containsExactly(row(2, "Ivan", "=HYPERLINK(\"http://x\",\"y\")", "=1+1"));
    }

    @Test
    void readsLongNumbersWithAllTheirDigits() {
        Path file = TestFiles.xlsx(folder, "contacts.xlsx", sheet -> {
            values(sheet.createRow(0), "phone", "foreign phone", "amount", "count");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue(79123456789d);
            row.createCell(1).setCellValue(380501234567d);
            row.createCell(2).setCellValue(1.5);
            row.createCell(3).setCellValue(42);
        });

        assertThat(readAll(file)).containsExactly(row(2, "79123456789", "380501234567", "1.5", "42"));
    }

    @Test
    void readsDatesAsTheirFormattedText() {
        Path file = TestFiles.xlsx(folder, "contacts.xlsx", sheet -> {
            values(sheet.createRow(0), "name", "birthday");
            CellStyle date = sheet.getWorkbook().createCellStyle();
            date.setDataFormat(sheet.getWorkbook().createDataFormat().getFormat("dd.mm.yyyy"));
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("Ivan");
            row.createCell(1).setCellValue(LocalDate.of(1985, 3, 7));
            row.getCell(1).setCellStyle(date);
        });

        assertThat(readAll(file)).containsExactly(row(2, "Ivan", "07.03.1985"));
    }

    @Test
    void readsCopiesOfASharedFormulaAndFormulasWithoutCachedValues() throws IOException {
        Path file = handMadeXlsx("contacts.xlsx", """
                <row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c><c r="B1" t="inlineStr"><is><t>phone</t></is></c>\
                <c r="C1" t="inlineStr"><is><t>full</t></is></c><c r="D1" t="inlineStr"><is><t>two</t></is></c></row>
                <row r="2"><c r="A2"><v>7</v></c><c r="B2"><v>9123456789</v></c>\
                <c r="C2" t="str"><f t="shared" ref="C2:C4" si="0">A2&amp;B2</f><v>79123456789</v></c>\
                <c r="D2"><f>1+1</f></c></row>
                <row r="3"><c r="A3"><v>7</v></c><c r="B3"><v>9001112233</v></c>\
                <c r="C3" t="str"><f t="shared" si="0"/><v>79001112233</v></c></row>
                <row r="4"><c r="A4"><v>8</v></c><c r="B4"><v>8005553535</v></c>\
                <c r="C4" t="str"><f t="shared" si="0"/><v>88005553535</v></c></row>
                """);

        assertThat(readAll(file)).containsExactly(
                row(2, "7", "9123456789", "=A2&B2", "=1+1"),
                row(3, "7", "9001112233", "=A3&B3", ""),
                row(4, "8", "8005553535", "=A4&B4", ""));
    }

    @Test
    void readsAWorkbookNamedCsvAsAWorkbook() {
        Path file = TestFiles.xlsx(folder, "contacts.csv", sheet -> {
            values(sheet.createRow(0), "name", "phone");
            values(sheet.createRow(1), "Ivan", "79123456789");
        });

        try (TabularFile tabular = open(file)) {
            assertThat(tabular.format()).isEqualTo(TabularFormat.XLSX);
            assertThat(rows(tabular)).containsExactly(row(2, "Ivan", "79123456789"));
        }
    }

    @Test
    void readsAHeaderWithoutRowsAsNoRows() {
        Path file = TestFiles.xlsx(folder, "contacts.xlsx", sheet -> values(sheet.createRow(2), "name", "phone"));

        try (TabularFile xlsx = open(file)) {
            assertThat(xlsx.header()).containsExactly("name", "phone");
            assertThat(xlsx.next()).isNull();
        }
    }

    @Test
    void refusesAnEmptySheet() {
        Path file = TestFiles.xlsx(folder, "contacts.xlsx", sheet -> {
        });

        assertThatThrownBy(() -> open(file))
                .isInstanceOf(TabularFileException.class)
                .hasMessage("the workbook's first sheet 'Contacts' is empty");
    }

    @Test
    void refusesDuplicateColumnNames() {
        Path file = TestFiles.xlsx(folder, "contacts.xlsx",
                sheet -> values(sheet.createRow(0), "name", "Phone", "city", "email", "phone"));

        assertThatThrownBy(() -> open(file))
                .isInstanceOf(TabularFileException.class)
                .hasMessage("columns 2 and 5 are both named 'Phone'");
    }

    @Test
    void reportsAnOverlongCellAsARowProblem() {
        Path file = TestFiles.xlsx(folder, "contacts.xlsx", sheet -> {
            values(sheet.createRow(0), "name", "comment");
            values(sheet.createRow(1), "Ivan", "x".repeat(200));
            values(sheet.createRow(2), "Petr", "short");
        });

        List<TabularRow> rows = readAll(file, ReadOptions.DEFAULTS.withMaxCellLength(100));

        assertThat(rows).containsExactly(
                new TabularRow(2, List.of("Ivan", "x".repeat(100)),
                        "column 'comment': the cell has 200 characters, at most 100 are allowed"),
                row(3, "Petr", "short"));
    }

    @Test
    void refusesAZipBombByItsDeclaredSizesWithoutInflatingIt() throws IOException {
        Path file = zipBomb("bomb.xlsx", 200, false);

        assertThatThrownBy(() -> open(file))
                .isInstanceOf(TabularFileException.class)
                .hasMessageStartingWith("the workbook expands to 200 MB (ratio 1:")
                .hasMessageEndingWith("): refused as a possible zip bomb");
    }

    @Test
    void refusesAZipBombThatLiesAboutItsSizeWhileInflatingIt() throws IOException {
        Path file = zipBomb("bomb.xlsx", 200, true);

        assertThatThrownBy(() -> readAll(file))
                .isInstanceOf(TabularFileException.class)
                .hasMessageStartingWith("the workbook expands to more than ")
                .hasMessageEndingWith("): refused as a possible zip bomb");
    }

    @Test
    void refusesSharedStringsTooLargeToHoldInMemory() throws IOException {
        Path file = workbookOfManyTexts();

        assertThatThrownBy(() -> readAll(file, sharedStringsOf10Kb()))
                .isInstanceOf(TabularFileException.class)
                .hasMessageMatching("the workbook's table of texts \\(shared strings\\) takes \\d+ KB, more than "
                        + "the 10 KB that can be held in memory: save the sheet as CSV and import that");
    }

    @Test
    void refusesSharedStringsThatLieAboutTheirSizeWhileReadingThem() throws IOException {
        Path file = workbookOfManyTexts();
        declareSize(file, "xl/sharedStrings.xml", 1000);

        assertThatThrownBy(() -> readAll(file, sharedStringsOf10Kb()))
                .isInstanceOf(TabularFileException.class)
                .hasMessage("the workbook's table of texts (shared strings) takes more than the 10 KB that can "
                        + "be held in memory: save the sheet as CSV and import that");
    }

    private Path workbookOfManyTexts() throws IOException {
        Path file = folder.resolve("contacts.xlsx");
        try (var workbook = new SXSSFWorkbook(null, 100, false, true); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("Contacts");
            values(sheet.createRow(0), "name");
            for (int i = 1; i < 1000; i++) {
                values(sheet.createRow(i), "contact number " + i);
            }
            workbook.write(out);
        }
        return file;
    }

    private static ReadOptions sharedStringsOf10Kb() {
        return ReadOptions.DEFAULTS.withXlsxLimits(ReadOptions.DEFAULTS.xlsxMaxEntrySize(), 10 * 1024,
                ReadOptions.DEFAULTS.xlsxMinInflateRatio());
    }

    @Test
    void refusesAZipArchiveThatIsNotAWorkbook() throws IOException {
        Path file = folder.resolve("contacts.xlsx");
        try (var zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("hello".getBytes(StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> open(file))
                .isInstanceOf(TabularFileException.class)
                .hasMessage("the file is a ZIP archive but not an Excel workbook (.xlsx)");
    }

    private static void values(Row row, String... values) {
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
    }

    private Path handMadeXlsx(String name, String sheetRows) throws IOException {
        Path file = folder.resolve(name);
        try (var zip = new ZipOutputStream(Files.newOutputStream(file))) {
            writeWorkbookParts(zip);
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                    + sheetRows + "</sheetData></worksheet>").getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    /**
     * A workbook whose sheet is {@code megabytes} of blanks inside a valid sheet element: it compresses a
     * thousandfold. When {@code lying}, its central directory claims the sheet is 1000 bytes.
     */
    private Path zipBomb(String name, int megabytes, boolean lying) throws IOException {
        Path file = folder.resolve(name);
        try (var zip = new ZipOutputStream(Files.newOutputStream(file))) {
            writeWorkbookParts(zip);
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>")
                    .getBytes(StandardCharsets.UTF_8));
            byte[] blanks = new byte[1024 * 1024];
            Arrays.fill(blanks, (byte) ' ');
            for (int i = 0; i < megabytes; i++) {
                zip.write(blanks);
            }
            zip.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
        }
        if (lying) {
            declareSize(file, "xl/worksheets/sheet1.xml", 1000);
        }
        return file;
    }

    /** Overwrites the uncompressed size an entry declares in the ZIP's central directory. */
    private static void declareSize(Path file, String entry, int size) throws IOException {
        byte[] zip = Files.readAllBytes(file);
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        for (int i = zip.length - 46; i >= 0; i--) {
            boolean header = zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2;
            if (header && Arrays.equals(zip, i + 46, i + 46 + name.length, name, 0, name.length)) {
                zip[i + 24] = (byte) size;
                zip[i + 25] = (byte) (size >> 8);
                zip[i + 26] = (byte) (size >> 16);
                zip[i + 27] = (byte) (size >> 24);
                Files.write(file, zip);
                return;
            }
        }
        throw new IllegalStateException(entry + " is not in the central directory");
    }

    private static void writeWorkbookParts(ZipOutputStream zip) throws IOException {
        entry(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/xl/workbook.xml" \
                ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                <Override PartName="/xl/worksheets/sheet1.xml" \
                ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
                </Types>""");
        entry(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
                Target="xl/workbook.xml"/></Relationships>""");
        entry(zip, "xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                <sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
        entry(zip, "xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
                Target="worksheets/sheet1.xml"/></Relationships>""");
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
    }
}
