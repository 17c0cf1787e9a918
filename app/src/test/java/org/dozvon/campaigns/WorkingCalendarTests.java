package org.dozvon.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;

/** Working-day calendars: the type of a date, by hand, from a file, over the API and on the page. */
class WorkingCalendarTests extends ApplicationTestBase {

    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    WorkingCalendars calendars;

    @Test
    void theShippedRussianCalendarKnowsTheHolidaysAndTransfersOf2026And2027() {
        long russia = calendars.calendars().stream().filter(c -> c.name().equals("Russia")).findFirst().orElseThrow().id();

        assertThat(calendars.dayType(russia, LocalDate.of(2026, 1, 8))).isEqualTo(DayType.HOLIDAY);
        assertThat(calendars.dayType(russia, LocalDate.of(2026, 1, 9))).as("Saturday 3 Jan moved to Friday 9 Jan")
                .isEqualTo(DayType.WEEKEND);
        assertThat(calendars.dayType(russia, LocalDate.of(2026, 1, 12))).isEqualTo(DayType.WORKDAY);
        assertThat(calendars.dayType(russia, LocalDate.of(2026, 3, 9))).as("8 March was a Sunday").isEqualTo(DayType.WEEKEND);
        assertThat(calendars.dayType(russia, LocalDate.of(2026, 12, 31))).as("Sunday 4 Jan moved to 31 Dec")
                .isEqualTo(DayType.WEEKEND);
        assertThat(calendars.dayType(russia, LocalDate.of(2027, 1, 1))).isEqualTo(DayType.HOLIDAY);
        assertThat(calendars.dayType(russia, LocalDate.of(2027, 6, 14))).as("12 June 2027 is a Saturday").isEqualTo(DayType.WEEKEND);
        assertThat(calendars.dayType(russia, LocalDate.of(2027, 11, 4))).isEqualTo(DayType.HOLIDAY);
        assertThat(calendars.dayType(russia, LocalDate.of(2027, 11, 6))).as("a plain Saturday").isEqualTo(DayType.WEEKEND);
    }

    @Test
    void aListedDateBeatsTheWeekdayRuleBothWays() {
        long id = newCalendar(null);
        calendars.putDay(id, LocalDate.of(2030, 6, 12), DayType.HOLIDAY, "Holiday on a Wednesday");
        calendars.putDay(id, LocalDate.of(2030, 6, 15), DayType.WORKDAY, "Working Saturday");

        assertThat(calendars.dayType(id, LocalDate.of(2030, 6, 12))).isEqualTo(DayType.HOLIDAY);
        assertThat(calendars.dayType(id, LocalDate.of(2030, 6, 13))).isEqualTo(DayType.WORKDAY);
        assertThat(calendars.dayType(id, LocalDate.of(2030, 6, 15))).isEqualTo(DayType.WORKDAY);
        assertThat(calendars.dayType(id, LocalDate.of(2030, 6, 16))).as("Sunday").isEqualTo(DayType.WEEKEND);

        calendars.removeDay(id, LocalDate.of(2030, 6, 15));
        assertThat(calendars.dayType(id, LocalDate.of(2030, 6, 15))).isEqualTo(DayType.WEEKEND);
    }

    @Test
    void eachYearMayHaveWeekendDaysOfItsOwnAndTheYearBoundaryKeepsThemApart() {
        long id = newCalendar(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
        calendars.setYearWeekendDays(id, 2031, EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY));
        calendars.putDay(id, LocalDate.of(2030, 12, 31), DayType.HOLIDAY, "New Year's Eve");

        assertThat(calendars.dayTypes(id, LocalDate.of(2030, 12, 27), LocalDate.of(2031, 1, 5))).containsExactly(
                Map.entry(LocalDate.of(2030, 12, 27), DayType.WORKDAY),  // Friday, 2030 rule
                Map.entry(LocalDate.of(2030, 12, 28), DayType.WEEKEND),  // Saturday
                Map.entry(LocalDate.of(2030, 12, 29), DayType.WEEKEND),  // Sunday, 2030 rule
                Map.entry(LocalDate.of(2030, 12, 30), DayType.WORKDAY),
                Map.entry(LocalDate.of(2030, 12, 31), DayType.HOLIDAY),
                Map.entry(LocalDate.of(2031, 1, 1), DayType.WORKDAY),    // Wednesday, not listed
                Map.entry(LocalDate.of(2031, 1, 2), DayType.WORKDAY),
                Map.entry(LocalDate.of(2031, 1, 3), DayType.WEEKEND),    // Friday, 2031 rule
                Map.entry(LocalDate.of(2031, 1, 4), DayType.WEEKEND),
                Map.entry(LocalDate.of(2031, 1, 5), DayType.WORKDAY));   // Sunday, 2031 rule
        assertThat(calendars.dayType(id, LocalDate.of(2031, 1, 3))).isEqualTo(DayType.WEEKEND);

        calendars.setYearWeekendDays(id, 2031, null);
        assertThat(calendars.dayType(id, LocalDate.of(2031, 1, 5))).as("2031 follows the calendar again").isEqualTo(DayType.WEEKEND);
    }

    @Test
    void anUnknownCalendarIsReported() {
        assertThatThrownBy(() -> calendars.dayType(-1, LocalDate.of(2027, 1, 1))).isInstanceOf(ReferenceNotFound.class);
    }

    @Test
    void importKeepsTheGoodLinesAndCanReplaceTheYearsOfTheFile() {
        long id = newCalendar(null);
        calendars.putDay(id, LocalDate.of(2032, 3, 1), DayType.HOLIDAY, "Old, to be replaced");
        calendars.putDay(id, LocalDate.of(2033, 3, 1), DayType.HOLIDAY, "Another year, kept");

        WorkingCalendars.ImportReport report = calendars.importCsv(id, """
                2032-01-01;HOLIDAY;New Year
                2032-02-30;HOLIDAY
                2032-01-03;WORKDAY
                """.getBytes(StandardCharsets.UTF_8), true);

        assertThat(report.saved()).isEqualTo(2);
        assertThat(report.removed()).isEqualTo(1);
        assertThat(report.problems()).extracting(CalendarCsv.Problem::line).containsExactly(2);
        assertThat(calendars.dayType(id, LocalDate.of(2032, 1, 1))).isEqualTo(DayType.HOLIDAY);
        assertThat(calendars.dayType(id, LocalDate.of(2032, 1, 3))).as("a Saturday made a working day").isEqualTo(DayType.WORKDAY);
        assertThat(calendars.dayType(id, LocalDate.of(2032, 3, 1))).as("replaced: a plain Monday").isEqualTo(DayType.WORKDAY);
        assertThat(calendars.dayType(id, LocalDate.of(2033, 3, 1))).isEqualTo(DayType.HOLIDAY);
    }

    @Test
    void aCalendarIsBuiltImportedAndReadOverTheApi() throws Exception {
        PortalClient api = portal();
        HttpResponse<String> created = api.apiSend("POST", "/api/v1/calendars",
                "{\"name\": \"API calendar %s\", \"weekendDays\": [\"SUNDAY\"]}".formatted(UUID.randomUUID()), "admin", ADMIN_PASSWORD);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json.readTree(created.body()).get("id").asLong();
        HttpResponse<String> duplicate = api.apiSend("POST", "/api/v1/calendars",
                "{\"name\": \"" + json.readTree(created.body()).get("name").asText() + "\"}", "admin", ADMIN_PASSWORD);
        assertThat(duplicate.statusCode()).isEqualTo(422);
        assertThat(duplicate.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(json.readTree(duplicate.body()).get("errors").get("name").asText()).contains("There is already a calendar named");

        HttpResponse<String> imported = postCsv("/api/v1/calendars/" + id + "/import", "2034-01-02;HOLIDAY;x\n2034-01-07;oops\n");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode report = json.readTree(imported.body());
        assertThat(report.get("saved").asInt()).isEqualTo(1);
        assertThat(report.get("rejected").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(report.get("rejected").get(0).get("reason").asText())
                .isEqualTo("'oops' is not a type of day: HOLIDAY, WEEKEND or WORKDAY.");

        assertThat(api.apiSend("PUT", "/api/v1/calendars/" + id + "/days/2034-01-07", "{\"type\": \"WORKDAY\"}", "admin", ADMIN_PASSWORD)
                .statusCode()).isEqualTo(204);
        JsonNode types = json.readTree(api.api("/api/v1/calendars/" + id + "/day-types?from=2034-01-01&to=2034-01-08",
                "admin", ADMIN_PASSWORD).body());
        assertThat(types.get("2034-01-01").asText()).as("Sunday is this calendar's only weekend day").isEqualTo("WEEKEND");
        assertThat(types.get("2034-01-02").asText()).isEqualTo("HOLIDAY");
        assertThat(types.get("2034-01-07").asText()).isEqualTo("WORKDAY");
        assertThat(types.get("2034-01-08").asText()).isEqualTo("WEEKEND");

        HttpResponse<String> export = api.api("/api/v1/calendars/" + id + "/export?year=2034", "admin", ADMIN_PASSWORD, "text/csv");
        assertThat(export.body()).contains("date;type;name\n2034-01-02;HOLIDAY;x\n2034-01-07;WORKDAY\n");
        assertThat(api.api("/api/v1/calendars/987654321", "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(404);
    }

    @Test
    void multipartImportOverTheApiAndAFileThatIsNoCalendar(@TempDir Path folder) throws Exception {
        long id = newCalendar(null);
        Path file = folder.resolve("holidays.csv");
        Files.writeString(file, "дата;тип\n2035-05-01;праздник\n");

        HttpResponse<String> answer = portal().apiMultipart("/api/v1/calendars/" + id + "/import?replaceYears=true",
                Map.of("file", file), "admin", ADMIN_PASSWORD);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(calendars.dayType(id, LocalDate.of(2035, 5, 1))).isEqualTo(DayType.HOLIDAY);

        Files.writeString(file, "# nothing here\n");
        HttpResponse<String> empty = portal().apiMultipart("/api/v1/calendars/" + id + "/import", Map.of("file", file),
                "admin", ADMIN_PASSWORD);
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(json.readTree(empty.body()).get("detail").asText()).isEqualTo("The file has no dates.");
    }

    @Test
    void theCalendarPageShowsTheYearAndTheImportJournal(@TempDir Path folder) throws Exception {
        PortalClient portal = portal();
        portal.login("admin", ADMIN_PASSWORD);
        String name = "Page calendar " + UUID.randomUUID();
        HttpResponse<String> created = portal.submit("/campaigns/calendars", "/campaigns/calendars",
                Map.of("name", name, "weekendDays", "SATURDAY"));
        assertThat(created.statusCode()).isEqualTo(302);
        String page = created.headers().firstValue("Location").orElseThrow().replaceAll("^https?://[^/]+", "");
        HttpResponse<String> noName = portal.submit("/campaigns/calendars", "/campaigns/calendars", Map.of("name", " "));
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(noName.body()).contains("Enter the name of the calendar.");

        Path file = folder.resolve("calendar.csv");
        Files.writeString(file, "date;type;name\n2036-01-01;HOLIDAY;New Year\n2036-01-32;HOLIDAY\n");
        HttpResponse<String> uploaded = portal.submitMultipart(page, page + "/import", Map.of("file", file));
        assertThat(uploaded.statusCode()).isEqualTo(302);
        String year = portal.get(uploaded.headers().firstValue("Location").orElseThrow()).body();
        assertThat(year).contains("Lines read: 2. Dates listed: 1. Refused: 1.")
                .contains("&#39;2036-01-32&#39; is not a date")
                .contains("New Year")
                .contains("dz-day-HOLIDAY");

        HttpResponse<String> listed = portal.submit(page + "?year=2036", page + "/days",
                Map.of("date", "2036-01-05", "type", "WORKDAY", "name", "Working Saturday", "year", "2036"));
        assertThat(listed.statusCode()).isEqualTo(302);
        assertThat(portal.get(page + "?year=2036").body()).contains("Working Saturday");
        HttpResponse<String> noDate = portal.submit(page + "?year=2036", page + "/days", Map.of("date", "", "type", "HOLIDAY"));
        assertThat(noDate.statusCode()).isEqualTo(400);
        assertThat(noDate.body()).contains("Give a date.");
        assertThat(portal.get("/campaigns/calendars").body()).contains(name);
    }

    private long newCalendar(EnumSet<DayOfWeek> weekendDays) {
        ReferenceResult result = calendars.save(null, "Test calendar " + UUID.randomUUID(), null, weekendDays);
        assertThat(result.ok()).isTrue();
        return result.id();
    }

    private HttpResponse<String> postCsv(String path, String csv) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "text/csv")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(csv))
                .build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();
    }
}
