package org.dozvon.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.dozvon.ApplicationTestBase;
import org.dozvon.access.Permission;
import org.dozvon.access.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 8's "done when": the curl script of docs/api.md, run as it is written there against this instance, acts as a
 * CRM — creates a list, pushes contacts, starts a campaign against the simulator — and its endpoint receives a signed
 * webhook for every call attempt and every contact's final status.
 */
class CrmScriptTests extends ApplicationTestBase {

    private static final Pattern SCRIPT = Pattern.compile(
            "<!-- crm-script:begin -->\\s*```bash\\n(.*?)```\\s*<!-- crm-script:end -->", Pattern.DOTALL);
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path work;

    @Test
    void theCrmScriptOfTheApiPageRunsACampaignAndHearsOfEveryAttemptAndFinalStatus() throws Exception {
        String run = "t" + UUID.randomUUID().toString().substring(0, 8);
        String token = TestTokens.create(context, "crm-script-" + run, Permission.CONTACTS_VIEW,
                Permission.CONTACTS_MANAGE, Permission.CAMPAIGNS_VIEW, Permission.CAMPAIGNS_MANAGE,
                Permission.WEBHOOKS_MANAGE);
        String secret = "crm-secret-" + UUID.randomUUID();
        Path script = work.resolve("crm.sh");
        Files.writeString(script, scriptOfTheApiPage());

        try (WebhookReceiver crm = new WebhookReceiver()) {
            ProcessBuilder bash = new ProcessBuilder("bash", script.toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("out.txt").toFile());
            bash.environment().putAll(java.util.Map.of("DOZVON_URL", "http://localhost:" + port,
                    "DOZVON_TOKEN", token, "WEBHOOK_URL", crm.url(), "WEBHOOK_SECRET", secret, "RUN", run));
            Process process = bash.start();
            boolean ended = process.waitFor(PATIENCE.toSeconds() * 3, TimeUnit.SECONDS);
            String output = Files.readString(work.resolve("out.txt"), StandardCharsets.UTF_8);
            if (!ended) {
                process.destroyForcibly();
            }
            assertThat(ended).as(output).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("finished 3 of 3").contains("\"clientId\":\"ORD-1\"");

            long campaignId = jdbc.sql("select id from campaign where name = :name").param("name", "CRM orders " + run)
                    .query(Long.class).single();
            Set<Long> attempts = Set.copyOf(jdbc.sql("select dial_request_id from call_attempt where campaign_id = :c")
                    .param("c", campaignId).query(Long.class).list());
            assertThat(attempts).hasSize(3);

            // every attempt and every final status is heard, each signed with the subscription's secret
            Instant deadline = Instant.now().plus(PATIENCE);
            while (Instant.now().isBefore(deadline) && (heard(crm, "contact.attempt.completed", "attemptId").size() < 3
                    || heard(crm, "contact.finished", "contactId").size() < 3)) {
                Thread.sleep(100);
            }
            assertThat(heard(crm, "contact.attempt.completed", "attemptId")).as(received(crm)).isEqualTo(attempts);
            Set<Long> contacts = Set.copyOf(jdbc.sql("select contact_id from campaign_contact where campaign_id = :c")
                    .param("c", campaignId).query(Long.class).list());
            assertThat(heard(crm, "contact.finished", "contactId")).as(received(crm)).isEqualTo(contacts);
            assertThat(crm.received()).allSatisfy(delivery ->
                    assertThat(delivery.signedWith(secret)).as(delivery.body()).isTrue());
            assertThat(crm.received()).filteredOn(delivery -> "contact.finished".equals(delivery.type()))
                    .allSatisfy(delivery -> assertThat(delivery.json().at("/data/clientId").asText()).startsWith("ORD-"));
            assertThat(crm.received()).anySatisfy(delivery -> {
                assertThat(delivery.type()).isEqualTo("campaign.state.changed");
                assertThat(delivery.body()).contains("RUNNING");
            });
        }
    }

    /** The ids (of {@code idField} in the event's data) of the events of this type the CRM received. */
    private static Set<Long> heard(WebhookReceiver crm, String type, String idField) {
        return crm.received().stream().filter(delivery -> type.equals(delivery.type()))
                .map(delivery -> delivery.json().at("/data/" + idField))
                .filter(JsonNode::isNumber).map(JsonNode::asLong).collect(Collectors.toSet());
    }

    private static String received(WebhookReceiver crm) {
        List<String> bodies = crm.received().stream().map(WebhookReceiver.Received::body).toList();
        return String.join("\n", bodies);
    }

    private static String scriptOfTheApiPage() throws IOException {
        Path page = Path.of("..", "docs", "api.md");
        if (!Files.exists(page)) {
            page = Path.of("docs", "api.md");
        }
        Matcher matcher = SCRIPT.matcher(Files.readString(page, StandardCharsets.UTF_8));
        assertThat(matcher.find()).as("docs/api.md holds the CRM script between its markers").isTrue();
        return matcher.group(1);
    }
}
