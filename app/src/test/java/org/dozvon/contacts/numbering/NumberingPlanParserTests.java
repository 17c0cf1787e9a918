package org.dozvon.contacts.numbering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** Reading the regulator's plan files: tolerant of their spelling, strict about their numbers. */
class NumberingPlanParserTests {

    private final NumberingPlanParser parser = new NumberingPlanParser(RegionTimeZones.bundled());

    @Test
    void readsTheRangesOfAPlanFileWithTheirZones() throws Exception {
        NumberingPlanParser.ParsedPlan plan = parse(PlanFiles.standard()
                .range(912, 3450000, 3459999, "ПАО \"МегаФон\"", "Свердловская обл.", "7812014560")
                .range(343, 2000000, 2099999, "ПАО \"Ростелеком\"", "Свердловская обл.", "7707049388")
                .line("401;0000000;0999999;1000000;ООО \"Т2 Мобайл\";Калининградская обл.;7743895280")
                .text());

        assertThat(plan.rejected()).isEmpty();
        assertThat(plan.rowsRead()).isEqualTo(3);
        assertThat(plan.ranges()).extracting(PlanRange::code, PlanRange::from, PlanRange::to, PlanRange::capacity,
                        PlanRange::operator, PlanRange::zone)
                .containsExactly(
                        tuple(343, 2000000, 2099999, 100000, "ПАО \"Ростелеком\"", ZoneId.of("Asia/Yekaterinburg")),
                        tuple(401, 0, 999999, 1000000, "ООО \"Т2 Мобайл\"", ZoneId.of("Europe/Kaliningrad")),
                        tuple(912, 3450000, 3459999, 10000, "ПАО \"МегаФон\"", ZoneId.of("Asia/Yekaterinburg")));
        assertThat(plan.ranges().get(2).firstNumber()).isEqualTo(9123450000L);
        assertThat(plan.ranges().get(2).lastNumber()).isEqualTo(9123459999L);
        assertThat(plan.codes()).containsExactly(343, 401, 912);
    }

    @Test
    void matchesHeaderNamesLooselyInAnyOrder() throws Exception {
        NumberingPlanParser.ParsedPlan plan = parse(PlanFiles
                .withHeader("\uFEFF  Регион ; abc / def ;  ОТ;до ;ЁМКОСТЬ ; оператор ;Территория ГАР; ИНН ")
                .line("Республика Саха /Якутия/;914;2700000;2709999;10000;ПАО \"Вымпел-Коммуникации\";"
                        + "р-н Оймяконский|Республика Саха /Якутия/;7713076301")
                .line("Республика Саха /Якутия/;914;2710000;2719999;10000;ПАО \"Вымпел-Коммуникации\";"
                        + "г. Якутск|Республика Саха /Якутия/;7713076301")
                .text());

        assertThat(plan.rejected()).isEmpty();
        assertThat(plan.ranges()).extracting(PlanRange::zone)
                .containsExactly(ZoneId.of("Asia/Ust-Nera"), ZoneId.of("Asia/Yakutsk"));
        assertThat(plan.ranges()).extracting(PlanRange::region).containsOnly("Республика Саха /Якутия/");
    }

    @Test
    void acceptsTheHeaderTypedInLatinLettersAndWithoutTheInnColumn() throws Exception {
        NumberingPlanParser.ParsedPlan plan = parse(PlanFiles.withHeader("ABC/ DEF;От;До;Емкость;Оператор;Регион")
                .line("383;2000000;2999999;1000000;ПАО \"Ростелеком\";Новосибирская обл.").text());

        assertThat(plan.ranges()).singleElement().satisfies(range -> {
            assertThat(range.inn()).isNull();
            assertThat(range.zone()).isEqualTo(ZoneId.of("Asia/Novosibirsk"));
        });
    }

    @Test
    void refusesBadRowsWithLineColumnValueAndReasonAndKeepsTheGoodOnes() throws Exception {
        NumberingPlanParser.ParsedPlan plan = parse(PlanFiles.standard()
                .range(912, 0, 9999, "ПАО \"МегаФон\"", "Свердловская обл.", "7812014560")        // line 2: good
                .line("9x2;0010000;0019999;10000;ПАО \"МегаФон\";Свердловская обл.;7812014560")     // 3: code
                .line("912;00200000;0029999;10000;ПАО \"МегаФон\";Свердловская обл.;7812014560")    // 4: from
                .line("912;0039999;0030000;10000;ПАО \"МегаФон\";Свердловская обл.;7812014560")     // 5: order
                .line("912;0040000;0049999;9999;ПАО \"МегаФон\";Свердловская обл.;7812014560")      // 6: capacity
                .line("912;0050000;0059999;10000;ПАО \"МегаФон\";Свердловская обл.;78120145")       // 7: INN
                .line("912;0060000;0069999")                                                        // 8: columns
                .line("")                                                                           // 9: blank
                .range(912, 5000, 15000, "ПАО \"МегаФон\"", "Свердловская обл.", "7812014560")     // 10: overlap
                .range(912, 70000, 79999, "ПАО \"МегаФон\"", "Свердловская обл.", "")              // 11: good
                .text());

        assertThat(plan.rowsRead()).isEqualTo(9);
        assertThat(plan.ranges()).extracting(PlanRange::line).containsExactly(2, 11);
        assertThat(plan.rejected()).extracting(JournalEntry::line, JournalEntry::column, JournalEntry::value,
                        JournalEntry::reasonKey)
                .containsExactly(
                        tuple(3, "АВС/ DEF", "9x2", "numbering.reject.code"),
                        tuple(4, "От", "00200000", "numbering.reject.number"),
                        tuple(5, "До", "0030000", "numbering.reject.order"),
                        tuple(6, "Емкость", "9999", "numbering.reject.capacity"),
                        tuple(7, "ИНН", "78120145", "numbering.reject.inn"),
                        tuple(8, null, "912;0060000;0069999", "numbering.reject.columns"),
                        tuple(10, "От", "912 0005000–0015000", "numbering.reject.overlap"));
        assertThat(plan.rejected().get(6).arguments()).containsExactly("2");
        assertThat(plan.rejected().get(3).arguments()).containsExactly("10000");
    }

    @Test
    void keepsRangesOfUnknownRegionsWithoutAZoneAndSaysSoOncePerRegion() throws Exception {
        NumberingPlanParser.ParsedPlan plan = parse(PlanFiles.standard()
                .range(958, 0, 9999, "ООО \"Нетбайнет\"", "Российская Федерация", "7703533170")
                .range(958, 10000, 19999, "ООО \"Нетбайнет\"", "Российская Федерация", "7703533170")
                .range(495, 0, 9999, "ПАО \"МГТС\"", "г. Москва и Московская область", "7710016640")
                .text());

        assertThat(plan.rejected()).isEmpty();
        assertThat(plan.ranges()).hasSize(3);
        assertThat(plan.withoutZone()).isEqualTo(2);
        assertThat(plan.noZone()).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(JournalEntry.Kind.NO_ZONE);
            assertThat(entry.line()).isEqualTo(2);
            assertThat(entry.column()).isEqualTo("Регион");
            assertThat(entry.value()).isEqualTo("Российская Федерация");
            assertThat(entry.arguments()).containsExactly("2");
        });
    }

    @Test
    void readsQuotedFieldsAsSpreadsheetsWriteThem() throws Exception {
        NumberingPlanParser.ParsedPlan plan = parse(PlanFiles.standard()
                .line("\"812\";\"0000000\";\"0009999\";\"10000\";\"ООО \"\"Ромашка; и партнёры\"\"\";"
                        + "\"г. Санкт-Петербург и Ленинградская область\";\"7801234567\"").text());

        assertThat(plan.rejected()).isEmpty();
        assertThat(plan.ranges()).singleElement().satisfies(range -> {
            assertThat(range.operator()).isEqualTo("ООО \"Ромашка; и партнёры\"");
            assertThat(range.zone()).isEqualTo(ZoneId.of("Europe/Moscow"));
        });
    }

    @Test
    void refusesAFileWithoutTheColumnsItNeeds() {
        assertThatThrownBy(() -> parse("Код;Начало;Оператор\r\n912;0000000;МТС\r\n"))
                .isInstanceOfSatisfying(PlanFileException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("numbering.file.header");
                    assertThat((String) e.arguments()[1]).contains("«До»").contains("«Регион»");
                });
        assertThatThrownBy(() -> parse("\r\n  \r\n")).isInstanceOf(PlanFileException.class);
    }

    @Test
    void detectsUtf8AndWindows1251() throws Exception {
        PlanFiles file = PlanFiles.standard().range(843, 0, 99999, "ПАО \"Ростелеком\"", "Республика Татарстан", "7707049388");
        byte[] utf8 = file.bytes(StandardCharsets.UTF_8);
        byte[] cp1251 = file.bytes(TextEncodings.WINDOWS_1251);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);

        assertThat(TextEncodings.detect(new ByteArrayInputStream(utf8))).isEqualTo(StandardCharsets.UTF_8);
        assertThat(TextEncodings.detect(new ByteArrayInputStream(bom))).isEqualTo(StandardCharsets.UTF_8);
        assertThat(TextEncodings.detect(new ByteArrayInputStream(cp1251))).isEqualTo(TextEncodings.WINDOWS_1251);
        assertThat(TextEncodings.detect(new ByteArrayInputStream("ASCII only".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(StandardCharsets.UTF_8);

        for (byte[] bytes : new byte[][] {utf8, bom, cp1251}) {
            Charset charset = TextEncodings.detect(new ByteArrayInputStream(bytes));
            NumberingPlanParser.ParsedPlan plan = parser.parse(
                    new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), charset)));
            assertThat(plan.ranges()).singleElement().satisfies(range -> {
                assertThat(range.region()).isEqualTo("Республика Татарстан");
                assertThat(range.zone()).isEqualTo(ZoneId.of("Europe/Moscow"));
            });
        }
    }

    @Test
    void findsInvalidUtf8FarIntoALargeFile() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("912;0000000;0009999;10000;operator;region;\r\n");
        }
        byte[] ascii = text.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "Тверская обл.".getBytes(TextEncodings.WINDOWS_1251);
        byte[] bytes = new byte[ascii.length + tail.length];
        System.arraycopy(ascii, 0, bytes, 0, ascii.length);
        System.arraycopy(tail, 0, bytes, ascii.length, tail.length);

        assertThat(TextEncodings.detect(new ByteArrayInputStream(bytes))).isEqualTo(TextEncodings.WINDOWS_1251);
    }

    private NumberingPlanParser.ParsedPlan parse(String text) throws IOException, PlanFileException {
        return parser.parse(new BufferedReader(new StringReader(text)));
    }
}
