package org.dozvon.imports;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dozvon.imports.TestFiles.open;
import static org.dozvon.imports.TestFiles.readAll;
import static org.dozvon.imports.TestFiles.row;
import static org.dozvon.imports.TestFiles.rows;
import static org.dozvon.imports.TestFiles.text;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvFileTests {

    private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

    @TempDir
    Path folder;

    @Test
    void readsUtf8WithCyrillic() {
        Path file = text(folder, "contacts.csv", "Фамилия;Телефон;Город\nИванов;79123456789;Москва\n", UTF_8);

        try (TabularFile csv = open(file)) {
            assertThat(csv.format()).isEqualTo(TabularFormat.CSV);
            assertThat(csv.charset()).contains(UTF_8);
            assertThat(csv.delimiter()).contains(';');
            assertThat(csv.header()).containsExactly("Фамилия", "Телефон", "Город");
            assertThat(rows(csv)).containsExactly(row(2, "Иванов", "79123456789", "Москва"));
        }
    }

    @Test
    void readsWindows1251WithCyrillic() {
        Path file = text(folder, "contacts.csv", "Фамилия;Телефон\nЁлкина;79123456789\nЩукин;79001112233\n",
                WINDOWS_1251);

        try (TabularFile csv = open(file)) {
            assertThat(csv.charset()).contains(WINDOWS_1251);
            assertThat(csv.header()).containsExactly("Фамилия", "Телефон");
            assertThat(rows(csv)).containsExactly(row(2, "Ёлкина", "79123456789"), row(3, "Щукин", "79001112233"));
        }
    }

    @Test
    void detectsWindows1251EvenWhenTheFirstLinesAreLatin() {
        StringBuilder content = new StringBuilder("name;phone\n");
        for (int i = 0; i < 5000; i++) {
            content.append("Ivanov;7912345").append(String.format("%04d", i)).append('\n');
        }
        content.append("Петров;79000000000\n");
        Path file = text(folder, "contacts.csv", content.toString(), WINDOWS_1251);

        try (TabularFile csv = open(file)) {
            assertThat(csv.charset()).contains(WINDOWS_1251);
            assertThat(rows(csv)).last().isEqualTo(row(5002, "Петров", "79000000000"));
        }
    }

    @Test
    void skipsTheUtf8ByteOrderMark() {
        byte[] text = "name,phone\nIvan,79123456789\n".getBytes(UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        Path file = TestFiles.bytes(folder, "contacts.csv", withBom);

        try (TabularFile csv = open(file)) {
            assertThat(csv.charset()).contains(UTF_8);
            assertThat(csv.header()).containsExactly("name", "phone");
            assertThat(rows(csv)).containsExactly(row(2, "Ivan", "79123456789"));
        }
    }

    @Test
    void readsExcelUnicodeTextWhichIsUtf16WithTabs() {
        Path file = text(folder, "contacts.txt", "\uFEFFимя\tтелефон\r\nИван\t79123456789\r\n",
                java.nio.charset.StandardCharsets.UTF_16LE);

        try (TabularFile csv = open(file)) {
            assertThat(csv.charset()).contains(java.nio.charset.StandardCharsets.UTF_16LE);
            assertThat(csv.delimiter()).contains('\t');
            assertThat(csv.header()).containsExactly("имя", "телефон");
            assertThat(rows(csv)).containsExactly(row(2, "Иван", "79123456789"));
        }
    }

    @Test
    void readsQuotedDelimitersDoubledQuotesAndLineBreaksKeepingRowNumbers() {
        Path file = text(folder, "contacts.csv", "name;comment;phone\n"
                + "\"Petrov; Ivan\";\"He said \"\"call me after 6\"\"\";79000000001\n"
                + "Sidorov;\"first line\nsecond line\";79000000002\n"
                + "Kuznetsov;plain;79000000003\n", UTF_8);

        assertThat(readAll(file)).containsExactly(
                row(2, "Petrov; Ivan", "He said \"call me after 6\"", "79000000001"),
                row(3, "Sidorov", "first line\nsecond line", "79000000002"),
                row(4, "Kuznetsov", "plain", "79000000003"));
    }

    @ParameterizedTest
    @ValueSource(chars = {';', ',', '\t', '|'})
    void detectsTheDelimiter(char delimiter) {
        String d = String.valueOf(delimiter);
        // the other candidates appear inside the values, quoted where they would break the row
        String content = String.join(d, "name", "amount", "note") + "\n"
                + String.join(d, "Ivanov", "\"1,5\"", "\"a;b|c\"") + "\n"
                + String.join(d, "Petrov", "\"2,25\"", "\"x\ty\"") + "\n";
        Path file = text(folder, "contacts.csv", content, UTF_8);

        try (TabularFile csv = open(file)) {
            assertThat(csv.delimiter()).contains(delimiter);
            assertThat(csv.header()).containsExactly("name", "amount", "note");
            assertThat(rows(csv)).containsExactly(row(2, "Ivanov", "1,5", "a;b|c"), row(3, "Petrov", "2,25", "x\ty"));
        }
    }

    @Test
    void readsASingleColumnFile() {
        Path file = text(folder, "phones.txt", "phone\n79123456789\n79001112233\n", UTF_8);

        assertThat(readAll(file)).containsExactly(row(2, "79123456789"), row(3, "79001112233"));
    }

    @Test
    void refusesAnEmptyFile() {
        Path file = text(folder, "contacts.csv", "", UTF_8);

        assertThatThrownBy(() -> open(file)).isInstanceOf(TabularFileException.class).hasMessage("the file is empty");
    }

    @Test
    void refusesAFileOfBlanksOnly() {
        Path file = text(folder, "contacts.csv", " \r\n\t\n   \n", UTF_8);

        assertThatThrownBy(() -> open(file)).isInstanceOf(TabularFileException.class).hasMessage("the file is empty");
    }

    @Test
    void readsAHeaderWithoutRowsAsNoRows() {
        Path file = text(folder, "contacts.csv", "name;phone\n", UTF_8);

        try (TabularFile csv = open(file)) {
            assertThat(csv.header()).containsExactly("name", "phone");
            assertThat(csv.next()).isNull();
        }
    }

    @Test
    void skipsBlankRowsWithoutRenumberingTheOthers() {
        Path file = text(folder, "contacts.csv", "\nname;phone\nIvan;1\n\n;\n  ; \nPetr;2\n", UTF_8);

        assertThat(readAll(file)).containsExactly(row(3, "Ivan", "1"), row(7, "Petr", "2"));
    }

    @Test
    void fillsMissingCellsAndIgnoresBlankCellsAfterTheLastColumn() {
        Path file = text(folder, "contacts.csv", "name;phone;city;;\nIvan;1\nPetr;2;Omsk;;\n", UTF_8);

        try (TabularFile csv = open(file)) {
            assertThat(csv.header()).containsExactly("name", "phone", "city");
            assertThat(rows(csv)).containsExactly(row(2, "Ivan", "1", ""), row(3, "Petr", "2", "Omsk"));
        }
    }

    @Test
    void reportsAValueBeyondTheLastColumnAsARowProblem() {
        Path file = text(folder, "contacts.csv", "name;phone\nIvan;1;extra\nPetr;2\n", UTF_8);

        assertThat(readAll(file)).containsExactly(
                new TabularRow(2, java.util.List.of("Ivan", "1"), "column 3 has a value but no name in the header"),
                row(3, "Petr", "2"));
    }

    @Test
    void refusesBytesInvalidInTheChosenEncodingNamingTheLine() {
        Path file = text(folder, "contacts.csv", "name;city\nIvanov;Omsk\nPetrov;Москва\n", WINDOWS_1251);

        assertThatThrownBy(() -> readAll(file, ReadOptions.DEFAULTS.withCharset(UTF_8)))
                .isInstanceOf(TabularFileException.class)
                .hasMessage("the file is not valid UTF-8 (line 3): it looks like Windows-1251");
    }

    @Test
    void refusesAHeaderThatTheChosenDelimiterDoesNotSplit() {
        Path file = text(folder, "contacts.csv", "name;phone;city\nIvan;1;Omsk\n", UTF_8);

        assertThatThrownBy(() -> readAll(file, ReadOptions.DEFAULTS.withDelimiter(',')))
                .isInstanceOf(TabularFileException.class)
                .hasMessage("the header has only one column 'name;phone;city': is the delimiter ';' rather than ','?");
    }

    @Test
    void refusesDuplicateColumnNamesIgnoringCaseAndBlanks() {
        Path file = text(folder, "contacts.csv", "name;phone;city;email; Phone \nIvan;1;Omsk;i@x.ru;2\n", UTF_8);

        assertThatThrownBy(() -> open(file))
                .isInstanceOf(TabularFileException.class)
                .hasMessage("columns 2 and 5 are both named 'phone'");
    }

    @Test
    void refusesAColumnWithoutName() {
        Path file = text(folder, "contacts.csv", "name;phone; ;city\nIvan;1;x;Omsk\n", UTF_8);

        assertThatThrownBy(() -> open(file))
                .isInstanceOf(TabularFileException.class)
                .hasMessage("column 3 has no name");
    }

    @Test
    void reportsATenMegabyteCellAsARowProblemAndGoesOn() throws IOException {
        Path file = folder.resolve("contacts.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, UTF_8)) {
            out.write("name;comment;phone\nIvan;");
            for (int i = 0; i < 10 * 1024; i++) {
                out.write("x".repeat(1024));
            }
            out.write(";79123456789\nPetr;short;79001112233\n");
        }

        try (TabularFile csv = open(file)) {
            TabularRow big = csv.next();
            assertThat(big.number()).isEqualTo(2);
            assertThat(big.problem())
                    .isEqualTo("column 'comment': the cell has 10485760 characters, at most 65536 are allowed");
            assertThat(big.cells().get(1)).hasSize(65_536);
            assertThat(big.cells().get(2)).isEqualTo("79123456789");
            assertThat(csv.next()).isEqualTo(row(3, "Petr", "short", "79001112233"));
            assertThat(csv.next()).isNull();
        }
    }

    @Test
    void neverHandsTheParserMoreOfAFieldThanTheLimit() throws IOException {
        // a quote opened and never closed would make the rest of the file one value
        String huge = "a;\"" + "y".repeat(1_000_000) + "\"\"" + "z".repeat(1_000) + "\";b\n";
        var guard = new CsvFieldGuard(new StringReader(huge), ';', 100);

        StringBuilder passed = new StringBuilder();
        char[] buffer = new char[4096];
        for (int read = guard.read(buffer); read >= 0; read = guard.read(buffer)) {
            passed.append(buffer, 0, read);
        }

        assertThat(passed.toString()).isEqualTo("a;\"" + "y".repeat(101) + "\";b\n");
        assertThat(guard.takeOversizedLength()).isEqualTo(1_000_000 + 1 + 1_000);
    }

    @Test
    void refusesAQuoteThatIsNeverClosedNamingItsLine() {
        Path file = text(folder, "contacts.csv", "name;comment\nIvan;ok\nPetr;\"oops\nSidor;x\n", UTF_8);

        assertThatThrownBy(() -> readAll(file))
                .isInstanceOf(TabularFileException.class)
                .hasMessage("line 3: a quoted value is never closed (a \" is missing)");
    }

    @Test
    void refusesTextAfterAClosingQuoteNamingItsLine() {
        Path file = text(folder, "contacts.csv", "name;comment\nIvan;\"say \"hi\" twice\"\n", UTF_8);

        assertThatThrownBy(() -> readAll(file))
                .isInstanceOf(TabularFileException.class)
                .hasMessage("line 2: a quoted value is followed by 'h' instead of the delimiter ';' "
                        + "(a quote inside a quoted value must be doubled: \"\")");
    }

    @Test
    void readsAMillionRows() throws IOException {
        Path file = folder.resolve("million.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, UTF_8)) {
            out.write("Фамилия;Телефон;Комментарий\n");
            for (int i = 0; i < 1_000_000; i++) {
                out.write("Иванов " + i + ";79" + String.format("%09d", i) + ";\"звонить, после 18:00\"\n");
            }
        }

        long count = 0;
        long lastNumber = 0;
        try (TabularFile csv = open(file)) {
            for (TabularRow row = csv.next(); row != null; row = csv.next()) {
                assertThat(row.problem()).isNull();
                count++;
                lastNumber = row.number();
            }
        }

        assertThat(count).isEqualTo(1_000_000);
        assertThat(lastNumber).isEqualTo(1_000_001);
    }
}
