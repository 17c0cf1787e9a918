package org.dozvon.contacts.numbering;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.access.TestUsers;
import org.dozvon.contacts.PhoneTimeZones;
import org.dozvon.contacts.ZoneResolution;
import org.dozvon.contacts.ZoneSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Contacts → Numbering directory, through the real pages: plan files uploaded as a supervisor would,
 * their journal, the search, and the zones {@link PhoneTimeZones} gives afterwards. Each test works on
 * codes of its own, so the order of the tests does not matter.
 */
class NumberingDirectoryTests extends ApplicationTestBase {

    private static final String SUPERVISOR = "numbering-supervisor";
    private static final String OPERATOR = "numbering-operator";
    private static final String PASSWORD = "Numbering-Password-1";
    private static final Pattern JOURNAL = Pattern.compile("/contacts/numbering/imports/(\\d+)$");

    @Autowired
    ApplicationContext context;

    @Autowired
    PhoneTimeZones timeZones;

    @BeforeEach
    void users() {
        TestUsers users = new TestUsers(context);
        users.ensure(SUPERVISOR, PASSWORD, false, "SUPERVISOR");
        users.ensure(OPERATOR, PASSWORD, false, "OPERATOR");
    }

    @Test
    void importsAWindows1251FileKeepsTheGoodRowsAndJournalsTheRest() {
        PortalClient supervisor = loggedIn(SUPERVISOR);
        byte[] file = PlanFiles.withHeader("АВС/ DEF ; От;  До;Емкость ; Оператор;Регион;ИНН")
                .range(902, 0, 99999, "ПАО \"МегаФон\"", "Камчатский край", "7812014560")           // line 2
                .range(902, 100000, 199999, "ООО \"Нетбайнет\"", "Российская Федерация", "7703533170") // 3: no zone
                .line("902;0200000;02x9999;100000;ПАО \"МТС\";Чукотский АО;7740000076")               // 4: bad
                .range(902, 300000, 399999, "ПАО \"МТС\"", "Чукотский АО", "7740000076")              // 5
                .bytes(TextEncodings.WINDOWS_1251);

        HttpResponse<String> imported = upload(supervisor, "DEF-902.csv", file, "REPLACE_CODES");

        assertThat(imported.statusCode()).isEqualTo(302);
        String journalPage = imported.headers().firstValue("Location").orElseThrow();
        assertThat(journalPage).matches(".*" + JOURNAL.pattern());
        String journal = supervisor.get(journalPage).body();
        assertThat(journal).contains("DEF-902.csv").contains("windows-1251")
                .contains("id=\"rows-read\">4<").contains("id=\"rows-inserted\">3<")
                .contains("id=\"rows-rejected\">1<").contains("id=\"rows-without-zone\">1<");
        assertThat(journal).contains("Российская Федерация")
                .contains("no time zone for this region; ranges left without one: 1.");
        assertThat(journal).contains("<td>4</td>").contains("<td>До</td>").contains("02x9999")
                .contains("Not a number of one to seven digits.");

        assertThat(timeZones.resolve("+79020000000", null, null))
                .isEqualTo(new ZoneResolution(ZoneId.of("Asia/Kamchatka"), ZoneSource.NUMBERING_RANGE,
                        "DEF 902, 0000000–0099999, ПАО \"МегаФон\", Камчатский край"));
        assertThat(timeZones.resolve("+79020099999", null, null).zone()).isEqualTo(ZoneId.of("Asia/Kamchatka"));
        assertThat(timeZones.resolve("+79020100000", null, ZoneId.of("Europe/Moscow")).source())
                .as("a range without a zone falls through").isEqualTo(ZoneSource.CAMPAIGN_DEFAULT);
        assertThat(timeZones.resolve("+79020250000", null, null).zone()).as("the refused row").isNull();
        assertThat(timeZones.resolve("+79020399999", null, null).zone()).isEqualTo(ZoneId.of("Asia/Anadyr"));
        assertThat(timeZones.resolve("+79020400000", null, null).zone()).as("to + 1").isNull();
    }

    @Test
    void importsUtf8AndReplacesOnlyTheCodesOfTheFile() {
        PortalClient supervisor = loggedIn(SUPERVISOR);
        upload(supervisor, "ABC-3xx.csv", PlanFiles.standard()
                .range(301, 0, 99999, "ПАО \"Ростелеком\"", "Республика Бурятия", "7707049388")
                .range(302, 0, 99999, "ПАО \"Ростелеком\"", "Забайкальский край", "7707049388")
                .bytes(StandardCharsets.UTF_8), "REPLACE_CODES");

        upload(supervisor, "ABC-302.csv", PlanFiles.standard()
                .range(302, 500000, 599999, "ПАО \"Ростелеком\"", "Забайкальский край", "7707049388")
                .bytes(StandardCharsets.UTF_8), "REPLACE_CODES");

        assertThat(timeZones.resolve("+73010000001", null, null).zone()).as("code 301 stays").isEqualTo(ZoneId.of("Asia/Irkutsk"));
        assertThat(timeZones.resolve("+73020000001", null, null).source()).as("code 302 replaced")
                .isNotEqualTo(ZoneSource.NUMBERING_RANGE);
        assertThat(timeZones.resolve("+73020500001", null, null).zone()).isEqualTo(ZoneId.of("Asia/Chita"));
        String page = supervisor.get("/contacts/numbering?q=" + encode("+7 (302) 05")).body();
        assertThat(page).contains("0500000").contains("0599999").contains("Asia/Chita");
        assertThat(supervisor.get("/contacts/numbering").body()).contains("ABC-302.csv").contains("ABC-3xx.csv");
    }

    @Test
    void replacingTheWholeDirectoryDropsTheOtherCodesButAFileWithoutGoodRowsChangesNothing() {
        PortalClient admin = loggedInAdmin();
        upload(admin, "ABC-3xx.csv", PlanFiles.standard()
                .range(341, 0, 99999, "ПАО \"Ростелеком\"", "Удмуртская Республика", "7707049388")
                .bytes(StandardCharsets.UTF_8), "REPLACE_CODES");

        String journal = admin.get(upload(admin, "broken.csv", PlanFiles.standard()
                .line("341;x;y;z;ПАО \"Ростелеком\";Удмуртская Республика;7707049388")
                .bytes(StandardCharsets.UTF_8), "REPLACE_ALL").headers().firstValue("Location").orElseThrow()).body();
        assertThat(journal).contains("none: the file had no good row, nothing was changed");
        assertThat(timeZones.resolve("+73410000001", null, null).zone()).isEqualTo(ZoneId.of("Europe/Samara"));

        upload(admin, "ABC-342.csv", PlanFiles.standard()
                .range(342, 0, 99999, "ПАО \"Ростелеком\"", "Пермский край", "7707049388")
                .bytes(StandardCharsets.UTF_8), "REPLACE_ALL");
        assertThat(timeZones.resolve("+73410000001", null, null).source()).isNotEqualTo(ZoneSource.NUMBERING_RANGE);
        assertThat(timeZones.resolve("+73420000001", null, null).zone()).isEqualTo(ZoneId.of("Asia/Yekaterinburg"));
        assertThat(admin.get("/contacts/numbering").body()).contains("id=\"numbering-counts\"");
    }

    @Test
    void aFileThatIsNotAPlanFileIsRefusedWithAMessage() {
        PortalClient supervisor = loggedIn(SUPERVISOR);

        HttpResponse<String> refused = upload(supervisor, "contacts.csv",
                "Фамилия;Телефон\nИванов;+79123456789\n".getBytes(StandardCharsets.UTF_8), "REPLACE_CODES");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Line 1 is not the header of a plan file")
                .contains("«АВС/ DEF», «От», «До», «Регион»");
    }

    @Test
    void searchesByNumberAndByRegionPageByPage() {
        PortalClient supervisor = loggedIn(SUPERVISOR);
        upload(supervisor, "DEF-904.csv", PlanFiles.standard()
                .blocks(904, 120, "ООО \"Т2 Мобайл\"", "Тамбовская обл.", "7743895280")
                .range(905, 0, 9999, "ООО \"Т2 Мобайл\"", "Ярославская обл.", "7743895280")
                .bytes(StandardCharsets.UTF_8), "REPLACE_CODES");

        String first = supervisor.get("/contacts/numbering?q=904").body();
        assertThat(first).contains("0000000").contains("0499999").doesNotContain("0500000");
        Matcher next = Pattern.compile("href=\"(/contacts/numbering\\?q=904&amp;after=\\d+)\"").matcher(first);
        assertThat(next.find()).isTrue();
        String second = supervisor.get(next.group(1).replace("&amp;", "&")).body();
        assertThat(second).contains("0500000").contains("0999999").doesNotContain(">0499999<");
        Matcher back = Pattern.compile("href=\"(/contacts/numbering\\?q=904&amp;before=\\d+)\"").matcher(second);
        assertThat(back.find()).isTrue();
        assertThat(supervisor.get(back.group(1).replace("&amp;", "&")).body()).contains(">0000000<");

        String exact = supervisor.get("/contacts/numbering?q=" + encode("+7 904 055-12-34")).body();
        assertThat(exact).contains(">0550000<").contains(">0559999<").doesNotContain(">0540000<");

        String region = supervisor.get("/contacts/numbering?q=" + encode("ярослав")).body();
        assertThat(region).contains("Ярославская обл.").doesNotContain("Тамбовская обл.</td>");

        HttpResponse<String> rowsOnly = supervisor.http().sendAsync(java.net.http.HttpRequest.newBuilder(
                        supervisor.uri("/contacts/numbering?q=905")).header("HX-Request", "true").GET().build(),
                HttpResponse.BodyHandlers.ofString()).join();
        assertThat(rowsOnly.body()).contains("id=\"range-results\"").doesNotContain("<html");
    }

    @Test
    void anOperatorMayNeitherSeeNorImport() {
        PortalClient operator = loggedIn(OPERATOR);

        assertThat(operator.get("/contacts/numbering").statusCode()).isEqualTo(403);
        assertThat(operator.get("/contacts/time-zones?phone=79123456789").statusCode()).isEqualTo(403);
        HttpResponse<String> upload = Uploads.upload(operator, "/arm", "/contacts/numbering/imports", Map.of(),
                "DEF.csv", PlanFiles.standard().bytes(StandardCharsets.UTF_8));
        assertThat(upload.statusCode()).isEqualTo(403);
    }

    @Test
    void answersAMillionLookupsThroughTheService() {
        PortalClient supervisor = loggedIn(SUPERVISOR);
        upload(supervisor, "DEF-906.csv", PlanFiles.standard()
                .blocks(906, 1000, "ПАО \"Вымпел-Коммуникации\"", "Новосибирская обл.", "7713076301")
                .bytes(StandardCharsets.UTF_8), "REPLACE_CODES");

        long started = System.nanoTime();
        int found = 0;
        for (int i = 0; i < 1_000_000; i++) {
            ZoneResolution resolution = timeZones.resolve("+7906" + String.format("%07d", (i * 7919L) % 10_000_000), null, null);
            if (resolution.source() == ZoneSource.NUMBERING_RANGE) {
                found++;
            }
        }
        long nanos = System.nanoTime() - started;

        assertThat(found).isPositive();
        System.out.printf("1,000,000 lookups through PhoneTimeZones: %d ms, %,d lookups/s%n", nanos / 1_000_000,
                1_000_000L * 1_000_000_000L / nanos);
    }

    @Test
    void theTimeZonePageShowsTheChain() {
        PortalClient supervisor = loggedIn(SUPERVISOR);
        upload(supervisor, "DEF-907.csv", PlanFiles.standard()
                .range(907, 3450000, 3459999, "ПАО «МегаФон»", "Свердловская обл.", "7812014560")
                .bytes(StandardCharsets.UTF_8), "REPLACE_CODES");

        String page = supervisor.get("/contacts/time-zones?phone=" + encode("8 (907) 345-67-89")
                + "&field=" + encode("не пояс") + "&zone=" + encode("Europe/Moscow")).body();

        assertThat(page).contains("id=\"e164\">+79073456789<")
                .contains("«не пояс» is not a time zone: skipped.".replace("«", "&#39;").replace("»", "&#39;"))
                .contains("DEF 907, 3450000–3459999, ПАО «МегаФон», Свердловская обл.")
                .contains("id=\"result-zone\">Asia/Yekaterinburg<")
                .contains("time-zone field &#39;не пояс&#39; ignored: not a time zone");
        assertThat(supervisor.get("/contacts/time-zones?phone=abc").body()).contains("has no digits to look up");
        String russian = supervisor.get("/contacts/time-zones?lang=ru&phone=79073456789").body();
        assertThat(russian).contains("Справочник диапазонов").contains("решает");
    }

    private HttpResponse<String> upload(PortalClient portal, String fileName, byte[] content, String mode) {
        return Uploads.upload(portal, "/contacts/numbering", "/contacts/numbering/imports", Map.of("mode", mode),
                fileName, content);
    }

    private PortalClient loggedIn(String username) {
        PortalClient portal = portal();
        portal.login(username, PASSWORD);
        return portal;
    }

    private PortalClient loggedInAdmin() {
        PortalClient portal = portal();
        portal.login("admin", ADMIN_PASSWORD);
        return portal;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
