package org.dozvon.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dozvon.imports.TestFiles.open;
import static org.dozvon.imports.TestFiles.readAll;
import static org.dozvon.imports.TestFiles.row;
import static org.dozvon.imports.TestFiles.rows;

import java.nio.file.Path;

import org.apache.poi.ss.usermodel.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsFileTests {

    @TempDir
    Path folder;

    @Test
    void readsTheFirstSheetWithItsOwnRowNumbers() {
        Path file = TestFiles.xls(folder, "contacts.xls", sheet -> {
            values(sheet.createRow(0), "Фамилия", "Телефон", "Сумма");
            Row ivanov = sheet.createRow(1);
            ivanov.createCell(0).setCellValue("Иванов");
            ivanov.createCell(1).setCellValue(79123456789d);
            ivanov.createCell(2).setCellValue(1.5);
            values(sheet.createRow(4), "Петров", "", "");
        });

        try (TabularFile xls = open(file)) {
            assertThat(xls.format()).isEqualTo(TabularFormat.XLS);
            assertThat(xls.header()).containsExactly("Фамилия", "Телефон", "Сумма");
            assertThat(rows(xls)).containsExactly(row(2, "Иванов", "79123456789", "1.5"), row(5, "Петров", "", ""));
        }
    }

    @Test
    void readsFormulasAsTheirTextNeverAsTheirValues() {
        Path file = TestFiles.xls(folder, "contacts.xls", sheet -> {
            values(sheet.createRow(0), "name", "link", "sum");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("Ivan");
            row.createCell(1).setCellFormula("HYPERLINK(\"http://x\",\"y\")");
            row.createCell(2).setCellFormula("1+1");
        });

        assertThat(readAll(file)).containsExactly(row(2, "Ivan", "=HYPERLINK(\"http://x\",\"y\")", "=1+1"));
    }

    @Test
    void readsAWorkbookNamedCsvAsAWorkbook() {
        Path file = TestFiles.xls(folder, "contacts.csv", sheet -> {
            values(sheet.createRow(0), "name", "phone");
            values(sheet.createRow(1), "Ivan", "79123456789");
        });

        try (TabularFile tabular = open(file)) {
            assertThat(tabular.format()).isEqualTo(TabularFormat.XLS);
            assertThat(rows(tabular)).containsExactly(row(2, "Ivan", "79123456789"));
        }
    }

    @Test
    void refusesAWorkbookLargerThanTheLimit() {
        Path file = TestFiles.xls(folder, "contacts.xls", sheet -> {
            for (int i = 0; i < 2000; i++) {
                values(sheet.createRow(i), "name " + i, "phone " + i);
            }
        });

        assertThatThrownBy(() -> readAll(file, ReadOptions.DEFAULTS.withXlsMaxFileSize(16 * 1024)))
                .isInstanceOf(TabularFileException.class)
                .hasMessageMatching("the Excel 97–2003 workbook \\(\\.xls\\) is \\d+ KB, larger than the 16 KB "
                        + "allowed: save it as an Excel workbook \\(\\.xlsx\\) or as CSV");
    }

    @Test
    void refusesAnEmptySheet() {
        Path file = TestFiles.xls(folder, "contacts.xls", sheet -> {
        });

        assertThatThrownBy(() -> open(file))
                .isInstanceOf(TabularFileException.class)
                .hasMessage("the workbook's first sheet 'Contacts' is empty");
    }

    private static void values(Row row, String... values) {
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
    }
}
