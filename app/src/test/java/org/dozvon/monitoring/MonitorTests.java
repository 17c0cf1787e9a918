package org.dozvon.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.access.TestUsers;
import org.dozvon.agents.OperatorState;
import org.dozvon.agents.Operators;
import org.dozvon.dialing.DialingFixture;
import org.dozvon.imports.ImportFailed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The supervisor's monitor against the AMI simulator over TCP: what it shows of operators, campaigns and alerts,
 * and the forced actions of its panels, each recorded in the audit journal.
 */
class MonitorTests extends ApplicationTestBase {

    private static final Pattern META_CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Operators operators;
    @Autowired
    ApplicationEventPublisher events;

    private Long campaignId;
    private Long operatorId;

    @AfterEach
    void stopAndLogOut() throws Exception {
        DialingFixture fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        if (campaignId != null) {
            fixture.send("POST", "/api/v1/campaigns/" + campaignId + "/stop", null);
        }
        if (operatorId != null) {
            DialingFixture.await("operator free", Duration.ofSeconds(30),
                    () -> !operators.operator(operatorId).orElseThrow().state().holdsCall());
            operators.changeState(operatorId, OperatorState.OFFLINE);
        }
    }

    @Test
    void theMonitorShowsAWrappingUpOperatorAndItsCampaignAndTheSupervisorSetsTheCodeAndPausesTheCampaign() throws Exception {
        DialingFixture fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        Operators.Saved anna = operators.save(null, new Operators.OperatorDraft("Anna " + fixture.suffix, null,
                "PJSIP/mon" + fixture.suffix, 300, Map.of()));
        operatorId = anna.id();
        var group = fixture.send("POST", "/api/v1/code-groups",
                "{\"name\": \"Monitor %s\", \"codes\": [\"CALLBACK\"]}".formatted(fixture.suffix));
        assertThat(group.statusCode()).as(group.body()).isEqualTo(201);
        operators.changeState(anna.id(), OperatorState.READY);
        campaignId = fixture.startedCampaign(fixture.list(6), """
                "completionCodeGroupId": %d,
                "dialing": {"mode": "PROGRESSIVE", "detectMachine": false, "wrapUpSeconds": 0}"""
                .formatted(fixture.read(group.body()).get("id").asLong()));
        PortalClient supervisor = new PortalClient(port);
        supervisor.login("admin", ADMIN_PASSWORD);
        DialingFixture.await("Anna talking", Duration.ofSeconds(90),
                () -> operators.operator(anna.id()).orElseThrow().state() == OperatorState.IN_CALL);
        String talking = supervisor.get("/monitoring/operator/" + anna.id()).body();
        assertThat(talking).as("a call in progress can be listened to, whispered to, barged into and taken over")
                .contains("id=\"intervention\"").contains("data-action=\"BARGE\"").contains("data-action=\"TAKE_OVER\"")
                .contains("data-action=\"HANG_UP\"");
        DialingFixture.await("Anna wrapping up a call", Duration.ofSeconds(90),
                () -> operators.operator(anna.id()).orElseThrow().state() == OperatorState.WRAP_UP);
        long attempt = operators.operator(anna.id()).orElseThrow().attemptId();

        String page = supervisor.get("/monitoring").body();
        assertThat(page).contains("Anna " + fixture.suffix).contains("data-state=\"WRAP_UP\"")
                .contains("Dialing " + fixture.suffix).contains("/calls/" + attempt)
                .contains("sse-connect=\"/live?watch=monitor\"");
        DialingFixture.await("the call counted among today's", Duration.ofSeconds(10),
                () -> supervisor.get("/monitoring/blocks/campaigns").body().contains("data-outcome=\"ANSWERED\""));

        // paused first, so that Anna, once free, gets no other call
        String paused = post(supervisor, "/monitoring/campaign/" + campaignId + "/pause", Map.of()).body();
        assertThat(paused).contains("alert-success").contains("data-action=\"resume\"");
        assertThat(fixture.read(fixture.send("GET", "/api/v1/campaigns/" + campaignId, null).body())
                .get("status").asText()).isEqualTo("PAUSED");

        String panel = supervisor.get("/monitoring/operator/" + anna.id()).body();
        assertThat(panel).contains("name=\"code\"").contains("value=\"CALLBACK\"");
        String coded = post(supervisor, "/monitoring/operator/" + anna.id() + "/code", Map.of("code", "CALLBACK")).body();
        assertThat(coded).contains("alert-success").contains("Code CALLBACK set");
        assertThat(jdbc.sql("select completion_code from dial_request where id = :id").param("id", attempt)
                .query(String.class).single()).isEqualTo("CALLBACK");
        String unknown = post(supervisor, "/monitoring/operator/" + anna.id() + "/code", Map.of("code", "NOPE")).body();
        assertThat(unknown).contains("alert-danger");

        String badPace = post(supervisor, "/monitoring/campaign/" + campaignId + "/pace",
                Map.of("linesPerOperator", "9", "abandonTarget", "3")).body();
        assertThat(badPace).contains("alert-danger").contains("value=\"9\"");
        String pace = post(supervisor, "/monitoring/campaign/" + campaignId + "/pace",
                Map.of("linesPerOperator", "2,5", "abandonTarget", "4")).body();
        assertThat(pace).contains("alert-success");
        var dialing = fixture.read(fixture.send("GET", "/api/v1/campaigns/" + campaignId, null).body()).get("dialing");
        assertThat(dialing.get("linesPerOperator").asDouble()).isEqualTo(2.5);
        assertThat(dialing.get("abandonTarget").asDouble()).isEqualTo(4.0);

        String notReady = post(supervisor, "/monitoring/operator/" + anna.id() + "/state", Map.of("state", "NOT_READY")).body();
        assertThat(notReady).contains("alert-success");
        DialingFixture.await("Anna not ready", Duration.ofSeconds(30),
                () -> operators.operator(anna.id()).orElseThrow().state() == OperatorState.NOT_READY);
        String message = post(supervisor, "/monitoring/operator/" + anna.id() + "/message", Map.of("text", "Back at 14:00")).body();
        assertThat(message).contains("Message sent");

        assertThat(jdbc.sql("""
                        select action from audit_event where username = 'admin'
                        and ((object_type = 'operator' and object_id = :operator) or (object_type = 'call' and object_id = :call)
                             or (object_type = 'campaign' and object_id = :campaign)) order by id""")
                .param("operator", String.valueOf(anna.id())).param("call", String.valueOf(attempt))
                .param("campaign", String.valueOf(campaignId)).query(String.class).list())
                .containsExactly("campaign.pause", "call.code", "campaign.pace", "operator.state", "operator.message");
        assertThat(jdbc.sql("select before_value ->> 'status' || '>' || (after_value ->> 'status') from audit_event"
                        + " where action = 'campaign.pause' and object_id = :id").param("id", String.valueOf(campaignId))
                .query(String.class).single()).isEqualTo("RUNNING>PAUSED");
    }

    @Test
    void aFailedImportIsAnAlertOnTheMonitorThatASupervisorAcknowledges() throws Exception {
        long importId = 900_000 + Math.floorMod(System.nanoTime(), 99_999);
        events.publishEvent(new ImportFailed(importId, "Debtors", "debtors.csv", "row 3: the file is not UTF-8", Instant.now()));
        events.publishEvent(new ImportFailed(importId, "Debtors", "debtors.csv", "again", Instant.now()));
        assertThat(jdbc.sql("select count(*) from alert where kind = 'IMPORT_FAILED' and subject = :s")
                .param("s", String.valueOf(importId)).query(Long.class).single()).isEqualTo(1);

        PortalClient supervisor = new PortalClient(port);
        supervisor.login("admin", ADMIN_PASSWORD);
        String alerts = supervisor.get("/monitoring/blocks/alerts").body();
        assertThat(alerts).contains("Import #" + String.format("%,d", importId) + " into the list Debtors (debtors.csv) failed: row 3");
        long alertId = jdbc.sql("select id from alert where kind = 'IMPORT_FAILED' and subject = :s")
                .param("s", String.valueOf(importId)).query(Long.class).single();
        HttpResponse<String> acknowledged = supervisor.postFormWithTokenOf(supervisor.get("/monitoring").body(),
                "/campaigns/alerts/" + alertId + "/acknowledge?back=monitor", Map.of());
        assertThat(acknowledged.statusCode()).isEqualTo(302);
        assertThat(acknowledged.headers().firstValue("Location").orElseThrow()).endsWith("/monitoring");
        assertThat(supervisor.get("/monitoring/blocks/alerts").body()).doesNotContain("data-alert=\"" + alertId + "\"");
    }

    @Test
    void aWatcherWithoutRightsToActSeesNoActionsAndIsRefusedThemAndUnknownThingsAreNotFound() throws Exception {
        jdbc.sql("insert into access_role (code, name, preset) values ('MONITOR_WATCHER', 'Watcher', false) on conflict do nothing")
                .update();
        jdbc.sql("insert into access_role_permission (role_code, permission) values ('MONITOR_WATCHER', 'MONITORING_VIEW')"
                + " on conflict do nothing").update();
        new TestUsers(context).ensure("monitor-watcher", "Role-Password-1", false, "MONITOR_WATCHER");
        PortalClient watcher = new PortalClient(port);
        watcher.login("monitor-watcher", "Role-Password-1");
        assertThat(watcher.get("/monitoring").statusCode()).isEqualTo(200);
        Operators.Saved watched = operators.save(null, new Operators.OperatorDraft("Watched " + System.nanoTime(), null,
                null, null, Map.of()));
        assertThat(watcher.get("/monitoring/operator/" + watched.id()).body()).contains("acting needs more rights")
                .doesNotContain("data-action=\"READY\"");
        assertThat(post(watcher, "/monitoring/operator/" + watched.id() + "/state", Map.of("state", "READY")).statusCode())
                .isEqualTo(403);

        PortalClient admin = new PortalClient(port);
        admin.login("admin", ADMIN_PASSWORD);
        assertThat(admin.get("/monitoring/operator/987654321").statusCode()).isEqualTo(404);
        assertThat(admin.get("/monitoring/campaign/987654321").statusCode()).isEqualTo(404);
        assertThat(admin.get("/monitoring/blocks/nothing").statusCode()).isEqualTo(404);
        String noPhone = post(admin, "/monitoring/operator/" + watched.id() + "/state", Map.of("state", "READY")).body();
        assertThat(noPhone).contains("alert-danger").contains("has no phone");
    }

    /** Posts as htmx does: the page's CSRF token from its meta tag. */
    private static HttpResponse<String> post(PortalClient client, String path, Map<String, String> fields) {
        Matcher token = META_CSRF.matcher(client.get("/monitoring").body());
        assertThat(token.find()).isTrue();
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", token.group(1));
        return client.postForm(path, form);
    }
}
