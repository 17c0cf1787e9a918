package org.dozvon.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.dozvon.ApplicationTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The channels API against a real SMTP server (GreenMail) and a real HTTP peer (the JDK's HTTP server) in
 * this JVM: what arrives, what the journal keeps, and what the caller gets when a peer fails.
 */
class ChannelsTests extends ApplicationTestBase {

    static final String MAIL_LOGIN = "mailer";
    static final String MAIL_PASSWORD = "Mail-Pass-1";
    static final String GATEWAY_SECRET = "gw-secret-1";

    @RegisterExtension
    static final GreenMailExtension mailServer = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("dozvon@example.org", MAIL_LOGIN, MAIL_PASSWORD))
            .withPerMethodLifecycle(false);

    static RecordingHttpServer peer;

    @Autowired
    Channels channels;
    @Autowired
    ChannelSettingsEditor settings;
    @Autowired
    NotificationTemplates templates;
    @Autowired
    MessageJournal journal;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    javax.sql.DataSource dataSource;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startPeer() throws IOException {
        peer = new RecordingHttpServer();
    }

    @AfterAll
    static void stopPeer() {
        peer.close();
    }

    @BeforeEach
    void freshPeersAndSettings() throws Exception {
        peer.clear();
        mailServer.purgeEmailFromAllMailboxes();
        ChannelFixture.contactFields(portal());
        configureMailServer();
        configureGateway();
        ChannelFixture.template(templates, "ch_debt_mail", Channel.EMAIL, "Долг @ch_debt руб.",
                "Здравствуйте, @ch_fio!\nВопросы: help@bank.ru, @@bank_support.", null, null, null);
        ChannelFixture.template(templates, "ch_reminder", Channel.SMS, null, "@ch_fio, \"оплатите\" @ch_debt руб.", null, null, null);
        ChannelFixture.template(templates, "ch_crm_note", Channel.WEB, null, "{\"text\": \"@ch_fio: SMS sent\", \"phone\": \"@recipient\"}",
                "POST", peer.url("/crm/contacts/@contact_id/notes?city=@ch_city"),
                "Content-Type: application/json\nX-Campaign: @campaign_id");
    }

    @Test
    void emailArrivesWithTheContactsValuesSubstituted() throws Exception {
        SendResult result = channels.sendEmail(new SendRequest("ch_debt_mail", "ivan@example.org",
                Map.of("ch_fio", "Иван Петров", "ch_debt", 1500), new MessageReference(7L, 42L, "7:42", null), false));

        assertThat(result.status()).isEqualTo(MessageStatus.SENT);
        assertThat(result.subject()).isEqualTo("Долг 1500 руб.");
        MimeMessage[] received = mailServer.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("Долг 1500 руб.");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ivan@example.org");
        assertThat(mail.getFrom()[0].toString()).contains("dozvon@example.org");
        assertThat(((String) mail.getContent()).strip().replace("\r\n", "\n"))
                .isEqualTo("Здравствуйте, Иван Петров!\nВопросы: help@bank.ru, @bank_support.");
        MessageJournal.Message recorded = journal.find(result.messageId()).orElseThrow();
        assertThat(recorded.status()).isEqualTo(MessageStatus.SENT);
        assertThat(recorded.contactId()).isEqualTo(42L);
        assertThat(recorded.sentAt()).isNotNull();
    }

    @Test
    void smsGatewayReceivesTheTemplatedRequest() throws Exception {
        SendResult result = channels.sendSms(new SendRequest("ch_reminder", "8 (912) 345-67-89",
                Map.of("ch_fio", "Иван Петров", "ch_debt", "1 500"), null, false));

        assertThat(result.status()).isEqualTo(MessageStatus.SENT);
        assertThat(result.text()).isEqualTo("Иван Петров, \"оплатите\" 1 500 руб.");
        assertThat(result.response()).startsWith("HTTP 200");
        RecordingHttpServer.Received request = peer.last();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo("/sms/send?login=dozvon&key=" + GATEWAY_SECRET);
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + GATEWAY_SECRET);
        JsonNode body = json.readTree(request.body());
        assertThat(body.get("to").asText()).isEqualTo("79123456789");
        assertThat(body.get("text").asText()).isEqualTo("Иван Петров, \"оплатите\" 1 500 руб.");
        assertThat(journal.find(result.messageId()).orElseThrow().recipient()).isEqualTo("+79123456789");
    }

    @Test
    void failingGatewayThrowsAndTheJournalKeepsTheFailureThroughTheCallersRollback() {
        peer.answer(503, "Service Unavailable");
        SendRequest request = new SendRequest("ch_reminder", "+79123456789", Map.of("ch_fio", "Иван", "ch_debt", 10),
                new MessageReference(7L, 43L, "7:43", "proc-" + UUID.randomUUID() + ":Task_SendSms:1"), false);

        assertThatThrownBy(() -> new TransactionTemplate(transactions).execute(tx -> channels.sendSms(request)))
                .isInstanceOfSatisfying(ChannelSendException.class, e -> {
                    assertThat(e.getMessage()).startsWith("SMS gateway answered 503 for +79123456789");
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.channel()).isEqualTo(Channel.SMS);
                    MessageJournal.Message failed = journal.find(e.messageId()).orElseThrow();
                    assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
                    assertThat(failed.error()).contains("503").contains("Service Unavailable");
                    assertThat(failed.attempts()).isEqualTo(1);
                });

        peer.answer(200, "{\"status\":\"OK\"}");
        SendResult retried = channels.sendSms(request);

        assertThat(retried.status()).isEqualTo(MessageStatus.SENT);
        assertThat(retried.attempt()).isEqualTo(2);
        assertThat(journal.attempts(retried.messageId())).extracting(MessageJournal.AttemptRecord::status)
                .containsExactly(MessageStatus.FAILED, MessageStatus.SENT);
        assertThat(journal.attempts(retried.messageId()).get(0).response()).contains("HTTP 503");
        assertThat(peer.received()).hasSize(2);

        SendResult again = channels.sendSms(request);

        assertThat(again.messageId()).isEqualTo(retried.messageId());
        assertThat(again.status()).isEqualTo(MessageStatus.SENT);
        assertThat(peer.received()).as("a send key already SENT is not sent again").hasSize(2);
    }

    @Test
    void dryRunSendsNothingAndRecordsSimulated() {
        Map<String, Object> contact = Map.of("ch_fio", "Мария", "ch_debt", 5, "ch_city", "Тверь");
        MessageReference reference = new MessageReference(8L, 44L, "8:44", null);

        SendResult sms = channels.sendSms(new SendRequest("ch_reminder", "+79123456789", contact, reference, true));
        SendResult mail = channels.sendEmail(new SendRequest("ch_debt_mail", "maria@example.org", contact, reference, true));
        SendResult web = channels.callWebRequest(new SendRequest("ch_crm_note", null, contact, reference, true));

        assertThat(List.of(sms.status(), mail.status(), web.status())).containsOnly(MessageStatus.SIMULATED);
        assertThat(peer.received()).isEmpty();
        assertThat(mailServer.getReceivedMessages()).isEmpty();
        assertThat(sms.text()).isEqualTo("Мария, \"оплатите\" 5 руб.");
        assertThat(journal.find(web.messageId()).orElseThrow().recipient()).endsWith("/crm/contacts/44/notes?city=%D0%A2%D0%B2%D0%B5%D1%80%D1%8C");
        assertThat(journal.find(mail.messageId()).orElseThrow().status()).isEqualTo(MessageStatus.SIMULATED);
    }

    @Test
    void webRequestCarriesTheRenderedUrlHeadersAndJsonBody() throws Exception {
        SendResult result = channels.callWebRequest(new SendRequest("ch_crm_note", "+79123456789",
                Map.of("ch_fio", "Пётр \"Петя\"", "ch_city", "Нижний Новгород"), new MessageReference(9L, 45L, "9:45", null), false));

        assertThat(result.status()).isEqualTo(MessageStatus.SENT);
        RecordingHttpServer.Received request = peer.last();
        assertThat(request.uri()).isEqualTo("/crm/contacts/45/notes?city=%D0%9D%D0%B8%D0%B6%D0%BD%D0%B8%D0%B9%20"
                + "%D0%9D%D0%BE%D0%B2%D0%B3%D0%BE%D1%80%D0%BE%D0%B4");
        assertThat(request.header("X-Campaign")).isEqualTo("9");
        JsonNode body = json.readTree(request.body());
        assertThat(body.get("text").asText()).isEqualTo("Пётр \"Петя\": SMS sent");
        assertThat(body.get("phone").asText()).isEqualTo("+79123456789");

        peer.answer(500, "boom");
        // no contact id: the URL has an empty path segment, and the message leaves out the query
        assertThatThrownBy(() -> channels.callWebRequest(new SendRequest("ch_crm_note", null, Map.of(), null, false)))
                .isInstanceOfSatisfying(ChannelSendException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Web request POST " + peer.url("/crm/contacts//notes")
                            + " answered 500: boom");
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void mistakesOnlyAPersonCanFixAreRefusedAsNotRetryableAndJournalled() {
        assertThatThrownBy(() -> channels.sendSms(new SendRequest("no_such_template", "+79123456789", Map.of(), null, false)))
                .isInstanceOfSatisfying(ChannelSendException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("There is no notification template 'no_such_template'");
                    assertThat(e.retryable()).isFalse();
                    assertThat(journal.find(e.messageId()).orElseThrow().status()).isEqualTo(MessageStatus.FAILED);
                });
        assertThatThrownBy(() -> channels.sendEmail(new SendRequest("ch_reminder", "ivan@example.org", Map.of(), null, false)))
                .isInstanceOf(ChannelSendException.class)
                .hasMessage("The notification template 'ch_reminder' is for SMS, not e-mail");
        assertThatThrownBy(() -> channels.sendSms(new SendRequest("ch_reminder", "12", Map.of(), null, true)))
                .isInstanceOfSatisfying(ChannelSendException.class, e -> {
                    assertThat(e.getMessage()).startsWith("'12' is not a phone number to send an SMS to");
                    assertThat(e.retryable()).isFalse();
                });
        assertThatThrownBy(() -> channels.sendEmail(new SendRequest("ch_debt_mail", "not-an-address", Map.of(), null, false)))
                .isInstanceOf(ChannelSendException.class).hasMessageStartingWith("'not-an-address' is not an e-mail address");

        peer.answer(400, "{\"error\":\"unknown sender\"}");
        assertThatThrownBy(() -> channels.sendSms(new SendRequest("ch_reminder", "+79123456789", Map.of(), null, false)))
                .isInstanceOfSatisfying(ChannelSendException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("SMS gateway answered 400 for +79123456789: {\"error\":\"unknown sender\"}");
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(peer.received()).as("only the last one reached the gateway").hasSize(1);
    }

    @Test
    void unreachableGatewayIsRetryable() {
        Map<String, String> form = ChannelFixture.gatewayForm("http://127.0.0.1:1/sms");
        settings.save(settings.sms(form).settings(), "test");

        assertThatThrownBy(() -> channels.sendSms(new SendRequest("ch_reminder", "+79123456789", Map.of(), null, false)))
                .isInstanceOfSatisfying(ChannelSendException.class, e -> {
                    assertThat(e.getMessage()).startsWith("SMS gateway did not answer for +79123456789: ");
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void aMessageSentLaterLeavesOnlyWhenTheCallerCommitsAndOnlyOnceForItsKey() throws Exception {
        String key = "wrap-up:" + UUID.randomUUID() + ":SMS";
        SendRequest request = new SendRequest("ch_reminder", "+79123450001", Map.of("ch_fio", "Анна", "ch_debt", 20),
                new MessageReference(7L, 44L, "7:44", key), false);
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        transaction.executeWithoutResult(tx -> {
            channels.sendLater(Channel.SMS, request, "test");
            tx.setRollbackOnly();
        });
        assertThat(jdbc().sql("select count(*) from channel_outbox where send_key = :k").param("k", key)
                .query(Long.class).single()).as("queued by a rolled-back caller").isZero();

        transaction.executeWithoutResult(tx -> channels.sendLater(Channel.SMS, request, "test"));
        transaction.executeWithoutResult(tx -> channels.sendLater(Channel.SMS, request, "test"));

        org.dozvon.dialing.DialingFixture.await("the SMS sent and gone from the outbox", java.time.Duration.ofSeconds(20),
                () -> jdbc().sql("select count(*) from channel_outbox where send_key = :k").param("k", key)
                        .query(Long.class).single() == 0);
        assertThat(peer.received().stream().filter(r -> r.body().contains("79123450001")).count()).isEqualTo(1);
        assertThat(jdbc().sql("select status from channel_message where send_key = :k").param("k", key)
                .query(String.class).list()).containsExactly("SENT");
    }

    @Test
    void aMessageSentLaterIsTriedAgainAfterAPauseWhenTheGatewayFails() throws Exception {
        peer.answer(503, "Service Unavailable");
        String key = "wrap-up:" + UUID.randomUUID() + ":SMS";
        new TransactionTemplate(transactions).executeWithoutResult(tx -> channels.sendLater(Channel.SMS,
                new SendRequest("ch_reminder", "+79123450002", Map.of("ch_fio", "Борис", "ch_debt", 30),
                        new MessageReference(7L, 45L, "7:45", key), false), "test"));
        org.dozvon.dialing.DialingFixture.await("the first try", java.time.Duration.ofSeconds(20), () -> jdbc()
                .sql("select count(*) from channel_outbox where send_key = :k and tries = 1 and last_error is not null")
                .param("k", key).query(Long.class).single() == 1);
        Map<String, Object> waiting = jdbc().sql("select due_at, last_error from channel_outbox where send_key = :k")
                .param("k", key).query().singleRow();
        assertThat(((java.sql.Timestamp) waiting.get("due_at")).toInstant()).as("tried again after a pause of a minute")
                .isAfter(java.time.Instant.now().plusSeconds(30));
        assertThat((String) waiting.get("last_error")).contains("503");

        // the minute passes (moved, not waited for) and the gateway is back
        peer.answer(200, "{\"status\":\"OK\"}");
        jdbc().sql("update channel_outbox set due_at = now() where send_key = :k").param("k", key).update();
        org.dozvon.dialing.DialingFixture.await("the SMS sent at the second try", java.time.Duration.ofSeconds(20),
                () -> jdbc().sql("select count(*) from channel_outbox where send_key = :k").param("k", key)
                        .query(Long.class).single() == 0);
        assertThat(jdbc().sql("select status || ' ' || attempts from channel_message where send_key = :k").param("k", key)
                .query(String.class).single()).isEqualTo("SENT 2");
    }

    private org.springframework.jdbc.core.simple.JdbcClient jdbc() {
        return org.springframework.jdbc.core.simple.JdbcClient.create(dataSource);
    }

    private void configureMailServer() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("host", "127.0.0.1");
        form.put("port", String.valueOf(mailServer.getSmtp().getPort()));
        form.put("security", "NONE");
        form.put("username", MAIL_LOGIN);
        form.put("password", MAIL_PASSWORD);
        form.put("fromAddress", "dozvon@example.org");
        form.put("fromName", "Банк «Пример»");
        ChannelSettingsEditor.Checked<SmtpSettings> checked = settings.smtp(form);
        assertThat(checked.violations()).isEmpty();
        settings.save(checked.settings(), "test");
    }

    private void configureGateway() {
        ChannelSettingsEditor.Checked<SmsGatewaySettings> checked = settings.sms(ChannelFixture.gatewayForm(
                peer.url("/sms/send?login=dozvon&key=@secret")));
        assertThat(checked.violations()).isEmpty();
        settings.save(checked.settings(), "test");
    }
}
