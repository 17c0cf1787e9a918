package org.dozvon.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.access.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** {@code /api/v1/notification-templates} and {@code /api/v1/channel-messages}. */
class ChannelsApiTests extends ApplicationTestBase {

    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    ApplicationContext context;
    @Autowired
    Channels channels;

    @BeforeEach
    void fields() {
        ChannelFixture.contactFields(portal());
        new TestUsers(context).ensure("api-channels-supervisor", "Supervisor-pass-1", false, "SUPERVISOR");
    }

    @Test
    void templatesAreCheckedCreatedChangedAndDeletedByCode() throws Exception {
        PortalClient api = portal();

        HttpResponse<String> refused = api.apiSend("POST", "/api/v1/notification-templates", """
                {"code": "1bad", "name": "", "channel": "WEB", "webMethod": "GET", "webUrl": "ftp://x/@nofield",
                 "webHeaders": "Host: evil", "body": "@ch_fio"}""", "admin", ADMIN_PASSWORD);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        JsonNode errors = json.readTree(refused.body()).get("errors");
        assertThat(errors.get("code").asText()).contains("must start with a Latin small letter");
        assertThat(errors.get("name").asText()).contains("Give the name");
        assertThat(errors.get("webUrl").asText()).contains("starting with http://").contains("Unknown field @nofield");
        assertThat(errors.get("webHeaders").asText()).contains("Dozvon sets the header Host itself");
        assertThat(errors.get("body").asText()).contains("A GET request has no body");

        HttpResponse<String> created = api.apiSend("POST", "/api/v1/notification-templates", """
                {"code": "api_sms", "name": "Напоминание", "channel": "SMS", "body": "@ch_fio, оплатите @ch_debt"}""",
                "admin", ADMIN_PASSWORD);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/notification-templates/api_sms"));

        HttpResponse<String> changed = api.apiSend("PUT", "/api/v1/notification-templates/api_sms", """
                {"name": "Напоминание 2", "body": "@ch_fio, оплатите @ch_debt сегодня"}""", "admin", ADMIN_PASSWORD);
        assertThat(changed.statusCode()).isEqualTo(200);
        JsonNode template = json.readTree(api.api("/api/v1/notification-templates/api_sms", "admin", ADMIN_PASSWORD).body());
        assertThat(template.get("channel").asText()).isEqualTo("SMS");
        assertThat(template.get("body").asText()).isEqualTo("@ch_fio, оплатите @ch_debt сегодня");
        assertThat(api.api("/api/v1/notification-templates?channel=SMS", "admin", ADMIN_PASSWORD).body()).contains("\"api_sms\"");

        assertThat(api.apiSend("DELETE", "/api/v1/notification-templates/api_sms", null, "admin", ADMIN_PASSWORD).statusCode())
                .isEqualTo(204);
        HttpResponse<String> gone = api.api("/api/v1/notification-templates/api_sms", "admin", ADMIN_PASSWORD);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
    }

    @Test
    void templatesPageInCodeOrderAndFilterByChannel() {
        String prefix = "pg_" + Long.toString(System.nanoTime(), 36) + "_";
        for (String tail : new String[] {"c", "a", "b"}) {
            HttpResponse<String> created = portal().apiSend("POST", "/api/v1/notification-templates", """
                    {"code": "%s%s", "name": "Paged", "body": "Hello", %s}""".formatted(prefix, tail,
                    tail.equals("b") ? "\"channel\": \"EMAIL\", \"subject\": \"Hi\"" : "\"channel\": \"SMS\""),
                    "admin", ADMIN_PASSWORD);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        org.dozvon.ApiPaging paging = new org.dozvon.ApiPaging(port, "admin", ADMIN_PASSWORD);

        java.util.List<String> codes = paging.values("/api/v1/notification-templates", 2, "code");

        assertThat(codes).isSorted().doesNotHaveDuplicates().containsSubsequence(prefix + "a", prefix + "b", prefix + "c");
        assertThat(paging.values("/api/v1/notification-templates?channel=SMS", 1, "code"))
                .contains(prefix + "a", prefix + "c").doesNotContain(prefix + "b");
    }

    @Test
    void journalPagesNewestFirstAndFiltersByContact() throws Exception {
        ChannelFixture.template(context.getBean(NotificationTemplates.class), "api_journal", Channel.SMS, null, "№@contact_id", null, null, null);
        long contact = System.nanoTime();
        long[] ids = new long[3];
        for (int i = 0; i < 3; i++) {
            ids[i] = channels.sendSms(new SendRequest("api_journal", "+79120000000", Map.of(),
                    new MessageReference(1L, contact, null, null), true)).messageId();
        }
        PortalClient api = portal();

        JsonNode first = json.readTree(api.api("/api/v1/channel-messages?contactId=" + contact + "&limit=2", "admin", ADMIN_PASSWORD).body());
        JsonNode second = json.readTree(api.api("/api/v1/channel-messages?contactId=" + contact + "&limit=2&cursor="
                + first.get("nextCursor").asText(), "admin", ADMIN_PASSWORD).body());

        assertThat(first.get("items")).extracting(item -> item.get("id").asLong()).containsExactly(ids[2], ids[1]);
        assertThat(second.get("items")).extracting(item -> item.get("id").asLong()).containsExactly(ids[0]);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(json.readTree(api.api("/api/v1/channel-messages?contactId=" + contact + "&campaignId=1", "admin",
                ADMIN_PASSWORD).body()).get("items")).hasSize(3);
        assertThat(json.readTree(api.api("/api/v1/channel-messages?contactId=" + contact + "&campaignId=999999999", "admin",
                ADMIN_PASSWORD).body()).get("items")).isEmpty();
        org.dozvon.ApiPaging.refusedParameter(new org.dozvon.ApiPaging(port, "admin", ADMIN_PASSWORD)
                .get("/api/v1/channel-messages?channel=PIGEON", "en"), "channel");
        JsonNode one = json.readTree(api.api("/api/v1/channel-messages/" + ids[0], "admin", ADMIN_PASSWORD).body());
        assertThat(one.get("body").asText()).isEqualTo("№" + contact);
        assertThat(one.get("attemptLog")).hasSize(1);
        assertThat(api.api("/api/v1/channel-messages", "api-channels-supervisor", "Supervisor-pass-1").statusCode()).isEqualTo(403);
    }
}
