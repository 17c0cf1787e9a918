package org.dozvon.contacts.numbering;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

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
 * Contacts → Phone prefixes through the real pages: created, changed, deleted and imported as a
 * supervisor would, and used by {@link PhoneTimeZones} at once. Codes start with 99, which no real
 * country has, so that the tests do not meet each other's prefixes.
 */
class PhonePrefixTests extends ApplicationTestBase {

    private static final String SUPERVISOR = "prefix-supervisor";
    private static final String PASSWORD = "Prefix-Password-1";

    @Autowired
    ApplicationContext context;

    @Autowired
    PhoneTimeZones timeZones;

    @BeforeEach
    void users() {
        new TestUsers(context).ensure(SUPERVISOR, PASSWORD, false, "SUPERVISOR");
    }

    @Test
    void aSupervisorCreatesChangesAndDeletesAPrefixAndTheLongestOneWins() {
        PortalClient supervisor = loggedIn();

        HttpResponse<String> created = create(supervisor, "+99 1", "Страна 991", "UTC+3");
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/contacts/prefixes/991"));
        create(supervisor, "99123", "Город 99123", "asia/omsk");

        assertThat(timeZones.resolve("+991234567", null, null))
                .isEqualTo(new ZoneResolution(ZoneId.of("Asia/Omsk"), ZoneSource.PREFIX, "prefix 99123 Город 99123"));
        assertThat(timeZones.resolve("+991999999", null, null))
                .isEqualTo(new ZoneResolution(ZoneOffset.ofHours(3), ZoneSource.PREFIX, "prefix 991 Страна 991"));

        String page = supervisor.get("/contacts/prefixes/991").body();
        assertThat(page).contains("Prefix created.").contains("value=\"+03:00\"").contains("data-confirm=\"Delete the prefix 991");
        HttpResponse<String> changed = supervisor.submit("/contacts/prefixes/991", "/contacts/prefixes/991",
                Map.of("name", "Страна 991", "zone", "Asia/Yekaterinburg"));
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(timeZones.resolve("+991999999", null, null).zone()).isEqualTo(ZoneId.of("Asia/Yekaterinburg"));
        assertThat(supervisor.get("/contacts/prefixes?q=991").body()).contains("Asia/Yekaterinburg (UTC+05:00)")
                .contains("Asia/Omsk (UTC+06:00)");

        HttpResponse<String> deleted = supervisor.submit("/contacts/prefixes/99123", "/contacts/prefixes/99123/delete", Map.of());
        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(supervisor.get("/contacts/prefixes/99123").statusCode()).isEqualTo(404);
        assertThat(timeZones.resolve("+991234567", null, null).detail()).isEqualTo("prefix 991 Страна 991");
    }

    @Test
    void badInputIsRefusedWithAMessageBesideTheField() {
        PortalClient supervisor = loggedIn();
        create(supervisor, "9920", "Занятый", "UTC+2");

        HttpResponse<String> badCode = create(supervisor, "99-2x", "Имя", "UTC+2");
        assertThat(badCode.statusCode()).isEqualTo(400);
        assertThat(badCode.body()).contains("The code is one to fifteen digits.");

        HttpResponse<String> taken = create(supervisor, "9920", "Другой", "UTC+2");
        assertThat(taken.body()).contains("The prefix 9920 exists already.");

        HttpResponse<String> badZone = create(supervisor, "9921", " ", "Марс+3");
        assertThat(badZone.statusCode()).isEqualTo(400);
        assertThat(badZone.body()).contains("Enter a name.").contains("&#39;Марс+3&#39; is not a time zone");

        HttpResponse<String> russian = supervisor.submit("/contacts/prefixes/new?lang=ru", "/contacts/prefixes",
                Map.of("code", "9922", "name", "Имя", "zone", ""));
        assertThat(russian.body()).contains("Укажите часовой пояс.");
    }

    @Test
    void importsAPrefixFileKeepingTheGoodRowsAndReportingTheBadOnes() {
        PortalClient supervisor = loggedIn();
        create(supervisor, "9930", "Старое имя", "UTC+1");
        byte[] file = ("Код;Наименование;UTC\r\n"
                + "9930;Новое имя;UTC+4\r\n"
                + "99311;Город;Europe/Samara\r\n"
                + "99x;Плохой код;UTC+3\r\n"
                + "9932;Плохой пояс;UTC+30\r\n"
                + "9933;;UTC+3\r\n"
                + "99311;Дубль;UTC+3\r\n"
                + "9934;Без пояса\r\n").getBytes(TextEncodings.WINDOWS_1251);

        HttpResponse<String> imported = Uploads.upload(supervisor, "/contacts/prefixes", "/contacts/prefixes/import",
                Map.of(), "codes.csv", file);

        assertThat(imported.statusCode()).isEqualTo(302);
        String page = supervisor.get("/contacts/prefixes?q=993").body();
        assertThat(page).contains("File codes.csv: 7 rows read, 1 prefixes added, 1 replaced, 5 rejected.")
                .contains("<td>4</td>").contains("Not a code of one to fifteen digits.")
                .contains("<td>5</td>").contains("UTC+30").contains("Not a time zone.")
                .contains("<td>6</td>").contains("The name is empty or longer than 200 characters.")
                .contains("<td>7</td>").contains("The same code as on line 3.")
                .contains("<td>8</td>").contains("Expected at least 3 columns, found 2.");
        assertThat(timeZones.resolve("+99301234", null, null).zone()).isEqualTo(ZoneOffset.ofHours(4));
        assertThat(timeZones.resolve("+99311234", null, null).zone()).isEqualTo(ZoneId.of("Europe/Samara"));

        Uploads.upload(supervisor, "/contacts/prefixes", "/contacts/prefixes/import", Map.of(), "plain.csv",
                "9935;Без заголовка;+05:00\n".getBytes(StandardCharsets.UTF_8));
        assertThat(timeZones.resolve("+99351234", null, null).zone()).isEqualTo(ZoneOffset.ofHours(5));

        Uploads.upload(supervisor, "/contacts/prefixes", "/contacts/prefixes/import", Map.of(), "wrong.csv",
                "Фамилия;Имя;Отчество\nИванов;Иван;Иванович\n".getBytes(StandardCharsets.UTF_8));
        assertThat(supervisor.get("/contacts/prefixes").body()).contains("The first line is neither a prefix nor a header");
    }

    @Test
    void anOperatorMayNotChangePrefixes() {
        new TestUsers(context).ensure("prefix-operator", PASSWORD, false, "OPERATOR");
        PortalClient operator = portal();
        operator.login("prefix-operator", PASSWORD);

        assertThat(operator.get("/contacts/prefixes").statusCode()).isEqualTo(403);
        assertThat(operator.submit("/arm", "/contacts/prefixes", Map.of("code", "9940", "name", "x", "zone", "UTC"))
                .statusCode()).isEqualTo(403);
    }

    private PortalClient loggedIn() {
        PortalClient portal = portal();
        portal.login(SUPERVISOR, PASSWORD);
        return portal;
    }

    private static HttpResponse<String> create(PortalClient portal, String code, String name, String zone) {
        return portal.submit("/contacts/prefixes/new", "/contacts/prefixes", Map.of("code", code, "name", name, "zone", zone));
    }
}
