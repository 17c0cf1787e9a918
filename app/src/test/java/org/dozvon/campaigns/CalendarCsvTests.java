package org.dozvon.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** The calendar file: what a line may look like, and the reason given for each bad one. */
class CalendarCsvTests {

    @Test
    void goodLinesAreKeptAndEachBadOneIsReportedWithItsNumberAndReason() {
        CalendarCsv.Parsed parsed = CalendarCsv.parse(utf8("""
                date;type;name
                2027-01-01;HOLIDAY;Новый год
                # a comment line

                08.01.2027;праздник
                2027-13-01;HOLIDAY
                2027-11-13;SHORT;Сокращённый
                2027-11-13;workday;Рабочая суббота
                2027-01-01;WEEKEND
                1999-12-31;HOLIDAY
                2027-05-03
                2027-05-10;WEEKEND;"Перенос; с 9 мая"
                """));

        assertThat(parsed.days()).extracting(d -> d.date() + " " + d.type() + " " + d.name()).containsExactly(
                "2027-01-01 HOLIDAY Новый год",
                "2027-01-08 HOLIDAY null",
                "2027-11-13 WORKDAY Рабочая суббота",
                "2027-05-10 WEEKEND Перенос; с 9 мая");
        assertThat(parsed.problems()).extracting(p -> p.line() + " " + p.reasonKey()).containsExactly(
                "6 calendars.csv.date",
                "7 calendars.csv.type",
                "9 calendars.csv.duplicate",
                "10 calendars.csv.year",
                "11 calendars.csv.columns");
        assertThat(parsed.problems().get(2).arguments()).containsExactly("2027-01-01", 2);
        assertThat(parsed.rows()).as("header, comment and blank lines are not rows").isEqualTo(9);
    }

    @Test
    void commasAndWindows1251AreReadToo() {
        CalendarCsv.Parsed parsed = CalendarCsv.parse("2027-02-23,HOLIDAY,День защитника Отечества\n"
                .getBytes(Charset.forName("windows-1251")));

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.days()).singleElement().satisfies(day -> {
            assertThat(day.date()).isEqualTo(LocalDate.of(2027, 2, 23));
            assertThat(day.name()).isEqualTo("День защитника Отечества");
        });
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstDate() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = utf8("2027-06-12;HOLIDAY\r\n2027-06-14;WEEKEND\r\n");
        byte[] file = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, file, 0, bom.length);
        System.arraycopy(text, 0, file, bom.length, text.length);

        assertThat(CalendarCsv.parse(file).days()).extracting(d -> d.date().toString()).containsExactly("2027-06-12", "2027-06-14");
    }

    @Test
    void aFileWithoutDatesOrTooLargeIsRefusedAsAWhole() {
        assertThatThrownBy(() -> CalendarCsv.parse(utf8("date;type;name\n\n# nothing\n")))
                .isInstanceOfSatisfying(CalendarCsv.CalendarFileException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("calendars.csv.empty"));
        assertThatThrownBy(() -> CalendarCsv.parse(new byte[CalendarCsv.MAX_BYTES + 1]))
                .isInstanceOfSatisfying(CalendarCsv.CalendarFileException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("calendars.csv.tooLarge"));
    }

    @Test
    void anExportedLineReadsBackAsTheSameDay() {
        WorkingCalendarStore.CalendarDay day = new WorkingCalendarStore.CalendarDay(LocalDate.of(2027, 3, 8), DayType.HOLIDAY,
                "Женский день; \"8 марта\"");

        CalendarCsv.Parsed parsed = CalendarCsv.parse(utf8(CalendarCsv.line(day) + "\n"));

        assertThat(parsed.days()).containsExactly(day);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
