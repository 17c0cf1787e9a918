package org.dozvon.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.access.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Settings → Mail, SMS gateway, Notification templates and Sent messages, through the portal's forms. */
class ChannelPagesTests extends ApplicationTestBase {

    private static final String ANALYST_PASSWORD = "Analyst-pass-1";

    @RegisterExtension
    static final GreenMailExtension mailServer = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("dozvon@example.org", "mailer", "Mail-Page-Pass-1"))
            .withPerMethodLifecycle(false);

    static RecordingHttpServer peer;

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Channels channels;

    @BeforeAll
    static void startPeer() throws IOException {
        peer = new RecordingHttpServer();
    }

    @AfterAll
    static void stopPeer() {
        peer.close();
    }

    @BeforeEach
    void fresh() throws Exception {
        peer.clear();
        mailServer.purgeEmailFromAllMailboxes();
        ChannelFixture.contactFields(portal());
    }

    @Test
    void adminSavesTheMailServerWithoutSeeingThePasswordAgainAndSendsATestEmail() throws Exception {
        PortalClient admin = admin();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("host", "");
        form.put("port", "99999");
        form.put("security", "NONE");
        form.put("username", "mailer");
        form.put("password", "Mail-Page-Pass-1");
        form.put("fromAddress", "nobody");
        form.put("fromName", "Dozvon");

        HttpResponse<String> refused = admin.submit("/settings/mail", "/settings/mail", form);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("host name or IP address").contains("Give a port from 1 to 65535")
                .contains("Give the sender");

        form.put("host", "127.0.0.1");
        form.put("port", String.valueOf(mailServer.getSmtp().getPort()));
        form.put("fromAddress", "dozvon@example.org");
        assertThat(admin.submit("/settings/mail", "/settings/mail", form).statusCode()).isEqualTo(302);

        String page = admin.get("/settings/mail").body();
        assertThat(page).contains("Mail settings saved.").contains("stored; leave empty to keep it")
                .doesNotContain("Mail-Page-Pass-1");
        String stored = jdbc.sql("select settings::text from channel_settings where kind = 'SMTP'").query(String.class).single();
        assertThat(stored).doesNotContain("Mail-Page-Pass-1").contains("\"sealedPassword\": \"v1:");

        form.put("password", "");
        form.put("testAddress", "admin@example.org");
        HttpResponse<String> tested = admin.submit("/settings/mail", "/settings/mail/test", form);

        assertThat(tested.statusCode()).isEqualTo(200);
        assertThat(tested.body()).contains("The mail server accepted the test e-mail to admin@example.org.");
        assertThat(mailServer.getReceivedMessages()).hasSize(1);
        assertThat(mailServer.getReceivedMessages()[0].getSubject()).isEqualTo("Dozvon: test e-mail");
        String journal = admin.api("/api/v1/channel-messages?channel=EMAIL&limit=1", "admin", ADMIN_PASSWORD).body();
        assertThat(journal).contains("\"recipient\":\"admin@example.org\"").contains("\"test\":true").contains("\"status\":\"SENT\"");
    }

    @Test
    void adminSavesTheSmsGatewayAndSendsATestSmsThatFailsVisibly() {
        PortalClient admin = admin();
        Map<String, String> form = ChannelFixture.gatewayForm(peer.url("/send?to=@phone&msg=@txt"));
        form.put("method", "GET");

        HttpResponse<String> refused = admin.submit("/settings/sms-gateway", "/settings/sms-gateway", form);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Unknown value @txt").contains("A GET request has no body");

        form.put("url", peer.url("/send?to=@phone_digits"));
        form.put("method", "POST");
        assertThat(admin.submit("/settings/sms-gateway", "/settings/sms-gateway", form).statusCode()).isEqualTo(302);
        assertThat(admin.get("/settings/sms-gateway").body()).doesNotContain(ChannelsTests.GATEWAY_SECRET);

        form.put("secret", "");
        form.put("testPhone", "+7 912 000-11-22");
        form.put("testText", "Проверка шлюза");
        HttpResponse<String> tested = admin.submit("/settings/sms-gateway", "/settings/sms-gateway/test", form);

        assertThat(tested.body()).contains("The gateway accepted the test SMS: HTTP 200");
        assertThat(peer.last().uri()).isEqualTo("/send?to=79120001122");
        assertThat(peer.last().header("Authorization")).as("the stored secret").isEqualTo("Bearer " + ChannelsTests.GATEWAY_SECRET);
        assertThat(peer.last().body()).contains("Проверка шлюза");

        peer.answer(503, "busy");
        assertThat(admin.submit("/settings/sms-gateway", "/settings/sms-gateway/test", form).body())
                .contains("SMS gateway answered 503 for +79120001122: busy");
    }

    @Test
    void analystWritesPreviewsAndDeletesATemplate() {
        new TestUsers(context).ensure("templates-analyst", ANALYST_PASSWORD, false, "ANALYST");
        PortalClient analyst = portal();
        analyst.login("templates-analyst", ANALYST_PASSWORD);
        String settings = analyst.get("/settings").body();
        assertThat(settings).contains("/settings/notification-templates").doesNotContain("/settings/mail");
        String newForm = "/settings/notification-templates/new?channel=EMAIL";
        Map<String, String> form = new LinkedHashMap<>();
        form.put("channel", "EMAIL");
        form.put("code", "page_debt");
        form.put("name", "Напоминание о долге");
        form.put("subject", "Долг @ch_debt руб.");
        form.put("body", "Здравствуйте, @Имя клиента! Ваш город: @ch_city");
        form.put("sample.ch_city", "Казань");

        HttpResponse<String> preview = analyst.submit(newForm, "/settings/notification-templates/preview", form);

        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("Долг 1500 руб.").contains("Ваш город: Казань")
                .contains("Unknown field @Имя");

        HttpResponse<String> refused = analyst.submit(newForm, "/settings/notification-templates", form);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Unknown field @Имя");

        form.put("body", "Здравствуйте, @ch_fio! Пишите на help@bank.ru");
        assertThat(analyst.submit(newForm, "/settings/notification-templates", form).statusCode()).isEqualTo(302);
        String list = analyst.get("/settings/notification-templates?channel=EMAIL").body();
        assertThat(list).contains("Template saved.").contains("page_debt");
        Matcher link = Pattern.compile("/settings/notification-templates/(\\d+)\">Напоминание о долге<").matcher(list);
        assertThat(link.find()).isTrue();
        String path = "/settings/notification-templates/" + link.group(1);
        assertThat(analyst.get(path).body()).contains("Пишите на help@bank.ru").contains("readonly");

        assertThat(analyst.submit(path, path + "/delete", Map.of()).statusCode()).isEqualTo(302);
        assertThat(analyst.get("/settings/notification-templates").body()).contains("Template deleted.").doesNotContain("page_debt");
        assertThat(analyst.get(path).statusCode()).isEqualTo(404);
    }

    @Test
    void journalListsMessagesByChannelAndStatusAndShowsTheirAttempts() {
        ChannelFixture.template(context.getBean(NotificationTemplates.class), "page_sms", Channel.SMS, null, "Привет, @ch_fio", null, null, null);
        SendResult simulated = channels.sendSms(new SendRequest("page_sms", "+79125550011", Map.of("ch_fio", "Оля"),
                new MessageReference(3L, 77L, "3:77", null), true));
        PortalClient admin = admin();

        String simulatedSms = admin.get("/settings/channel-messages?channel=SMS&status=SIMULATED").body();
        String failedEmail = admin.get("/settings/channel-messages?channel=EMAIL&status=FAILED").body();

        assertThat(simulatedSms).contains("/settings/channel-messages/" + simulated.messageId() + "\"").contains("+79125550011");
        assertThat(failedEmail).doesNotContain("/settings/channel-messages/" + simulated.messageId() + "\"");
        String message = admin.get("/settings/channel-messages/" + simulated.messageId()).body();
        assertThat(message).contains("Привет, Оля").contains("3:77").contains("simulated");
    }

    private PortalClient admin() {
        PortalClient admin = portal();
        admin.login("admin", ADMIN_PASSWORD);
        return admin;
    }
}
