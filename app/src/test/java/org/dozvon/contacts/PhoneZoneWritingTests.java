package org.dozvon.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every phone written gets its zone, first match wins: the contact's zone field, the directory, the prefixes. */
class PhoneZoneWritingTests extends ApplicationTestBase {

    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    JdbcClient jdbc;

    @Test
    void phonesGetTheirZoneAndSayWhereItCameFrom() throws Exception {
        String s = UUID.randomUUID().toString().substring(0, 8);
        PortalClient admin = portal();
        admin.login("admin", ADMIN_PASSWORD);
        assertThat(admin.submit("/contacts/prefixes/new", "/contacts/prefixes",
                Map.of("code", "7343", "name", "Екатеринбург", "zone", "Asia/Yekaterinburg")).statusCode()).isIn(302, 400);
        send(admin, "/api/v1/contact-fields", "{\"code\": \"tz_phone_%s\", \"name\": \"Phone\", \"type\": \"PHONE\"}".formatted(s));
        send(admin, "/api/v1/contact-fields", "{\"code\": \"tz_zone_%s\", \"name\": \"Zone\", \"type\": \"TIMEZONE\"}".formatted(s));
        long listId = json.readTree(send(admin, "/api/v1/contact-lists",
                "{\"name\": \"Zones %1$s\", \"fields\": [{\"code\": \"tz_phone_%1$s\"}, {\"code\": \"tz_zone_%1$s\"}]}".formatted(s)))
                .get("id").asLong();

        JsonNode report = json.readTree(send(admin, "/api/v1/contact-lists/" + listId + "/contacts", """
                [{"tz_phone_%1$s": "+7 343 111-22-33"},
                 {"tz_phone_%1$s": "+7 343 111-22-34", "tz_zone_%1$s": "Asia/Vladivostok"},
                 {"tz_phone_%1$s": "+7 343 111-22-35", "tz_zone_%1$s": "Mars/Olympus"}]""".formatted(s)));

        assertThat(report.get("inserted").asInt()).isEqualTo(2);
        assertThat(report.get("rejectedItems").get(0).get("problems").get(0).asText())
                .isEqualTo("field 'tz_zone_" + s + "': 'Mars/Olympus' is not a time zone (expected e.g. Asia/Yekaterinburg or UTC+5)");
        assertThat(zoneOf("+73431112233")).isEqualTo("Asia/Yekaterinburg PREFIX");
        assertThat(zoneOf("+73431112234")).isEqualTo("Asia/Vladivostok CONTACT_FIELD");
    }

    @Test
    void storedPhonesFollowANewPrefixButKeepTheirContactsOwnZone() throws Exception {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String digits = String.valueOf(100 + (int) (Math.random() * 900));
        PortalClient admin = portal();
        admin.login("admin", ADMIN_PASSWORD);
        send(admin, "/api/v1/contact-fields", "{\"code\": \"rz_phone_%s\", \"name\": \"Phone\", \"type\": \"PHONE\"}".formatted(s));
        send(admin, "/api/v1/contact-fields", "{\"code\": \"rz_zone_%s\", \"name\": \"Zone\", \"type\": \"TIMEZONE\"}".formatted(s));
        long listId = json.readTree(send(admin, "/api/v1/contact-lists",
                "{\"name\": \"Refresh %1$s\", \"fields\": [{\"code\": \"rz_phone_%1$s\"}, {\"code\": \"rz_zone_%1$s\"}]}".formatted(s)))
                .get("id").asLong();
        String plain = "+37529" + digits + "1111";
        String own = "+37529" + digits + "2222";
        assertThat(json.readTree(send(admin, "/api/v1/contact-lists/" + listId + "/contacts", """
                [{"rz_phone_%1$s": "%2$s"}, {"rz_phone_%1$s": "%3$s", "rz_zone_%1$s": "Asia/Vladivostok"}]"""
                .formatted(s, plain, own))).get("inserted").asInt()).isEqualTo(2);
        assertThat(zoneOf(plain)).isEqualTo("- -");

        assertThat(admin.submit("/contacts/prefixes/new", "/contacts/prefixes",
                Map.of("code", "37529" + digits, "name", "Test " + s, "zone", "Europe/Minsk")).statusCode()).isEqualTo(302);

        for (int i = 0; i < 200 && !zoneOf(plain).equals("Europe/Minsk PREFIX"); i++) {
            Thread.sleep(50);
        }
        assertThat(zoneOf(plain)).as("refreshed after the prefix table changed").isEqualTo("Europe/Minsk PREFIX");
        assertThat(zoneOf(own)).isEqualTo("Asia/Vladivostok CONTACT_FIELD");
    }

    private String zoneOf(String number) {
        return jdbc.sql("select coalesce(time_zone, '-') || ' ' || coalesce(time_zone_source, '-') from contact_phone where number = :n order by id desc limit 1")
                .param("n", number).query(String.class).single();
    }

    private String send(PortalClient admin, String path, String body) {
        return admin.apiSend("POST", path, body, "admin", ADMIN_PASSWORD).body();
    }
}
