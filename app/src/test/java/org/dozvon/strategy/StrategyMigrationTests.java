package org.dozvon.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.access.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Running contacts keep their version until someone migrates them: two versions of a small process with user-task
 * wait states, contacts waiting in an activity the new version still has (they move) and in one it no longer has
 * (they stay), through the service, the API and the pages.
 */
class StrategyMigrationTests extends ApplicationTestBase {

    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    StrategyDeployment deployment;

    @Autowired
    StrategyMigrations migrations;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TaskService tasks;

    @Autowired
    ApplicationContext context;

    @BeforeEach
    void users() {
        TestUsers users = new TestUsers(context);
        users.ensure(StrategyUploadTests.ANALYST, StrategyUploadTests.PASSWORD, false, "ANALYST");
        users.ensure(StrategyUploadTests.SUPERVISOR, StrategyUploadTests.PASSWORD, false, "SUPERVISOR");
    }

    @Test
    void previewCountsWhoMovesAndTheMigrationMovesThemInTheBackground() {
        String key = twoVersions();
        List<String> waiting = List.of(start(key, "wait"), start(key, "wait"), start(key, "wait"));
        String old = start(key, "old");

        StrategyMigrations.Preview preview = migrations.preview(key, 1, 2);

        assertThat(preview.instances()).isEqualTo(4);
        assertThat(preview.movable()).isEqualTo(3);
        assertThat(preview.planFailures()).isEmpty();
        assertThat(preview.stuck()).containsExactly(new StrategyMigrations.Stuck("Task_Old", "Old step", 1));
        assertThat(preview.executable()).isTrue();
        assertThat(definitionVersionOf(waiting.get(0))).as("nothing moves by itself").isEqualTo(1);

        long id = migrations.start(key, 1, 2, "test");
        StrategyMigrations.Status done = awaitDone(id);

        assertThat(done.instances()).isEqualTo(3);
        assertThat(done.leftBehind()).isEqualTo(1);
        assertThat(done.onSource()).isEqualTo(1);
        assertThat(done.onTarget()).isEqualTo(3);
        assertThat(waiting).allSatisfy(instance -> assertThat(definitionVersionOf(instance)).isEqualTo(2));
        assertThat(definitionVersionOf(old)).isEqualTo(1);

        tasks.complete(tasks.createTaskQuery().processInstanceId(waiting.get(0)).singleResult().getId());
        assertThat(tasks.createTaskQuery().processInstanceId(waiting.get(0)).singleResult().getTaskDefinitionKey())
                .as("version 2 goes on to its new step").isEqualTo("Task_New");
    }

    @Test
    void migratingToTheSameVersionOrWithNothingRunningIsRefused() {
        String key = twoVersions();

        assertThatThrownBy(() -> migrations.preview(key, 1, 1)).isInstanceOfSatisfying(StrategyMigrations.Refused.class,
                refused -> assertThat(refused.messageKey()).isEqualTo("strategies.migration.sameVersion"));
        assertThatThrownBy(() -> migrations.start(key, 1, 2, "test")).isInstanceOfSatisfying(StrategyMigrations.Refused.class,
                refused -> assertThat(refused.messageKey()).isEqualTo("strategies.migration.nothingToMove"));
        assertThatThrownBy(() -> migrations.preview(key, 1, 3)).isInstanceOf(StrategyModels.NotFound.class);
    }

    @Test
    void analystMigratesOverTheApi() throws Exception {
        String key = twoVersions();
        String instance = start(key, "wait");
        String user = StrategyUploadTests.ANALYST;
        String password = StrategyUploadTests.PASSWORD;

        JsonNode preview = json.readTree(portal().api("/api/v1/strategies/processes/" + key + "/migrations/preview?from=1&to=2",
                user, password).body());
        assertThat(preview.path("instances").asInt()).isEqualTo(1);
        assertThat(preview.path("movable").asInt()).isEqualTo(1);

        HttpResponse<String> same = portal().apiSend("POST", "/api/v1/strategies/processes/" + key + "/migrations",
                "{\"from\": 2, \"to\": 2}", user, password);
        assertThat(same.statusCode()).isEqualTo(409);
        assertThat(json.readTree(same.body()).path("detail").asText()).isEqualTo("Choose another version to migrate to.");
        assertThat(portal().apiSend("POST", "/api/v1/strategies/processes/" + key + "/migrations",
                "{\"from\": 1, \"to\": 2}", StrategyUploadTests.SUPERVISOR, password).statusCode()).isEqualTo(403);

        HttpResponse<String> started = portal().apiSend("POST", "/api/v1/strategies/processes/" + key + "/migrations",
                "{\"from\": 1, \"to\": 2}", user, password);

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long id = json.readTree(started.body()).path("id").asLong();
        assertThat(started.headers().firstValue("Location")).hasValue("/api/v1/strategies/migrations/" + id);
        awaitDone(id);
        JsonNode status = json.readTree(portal().api("/api/v1/strategies/migrations/" + id, user, password).body());
        assertThat(status.path("state").asText()).isEqualTo("DONE");
        assertThat(status.path("requestedBy").asText()).isEqualTo(user);
        assertThat(definitionVersionOf(instance)).isEqualTo(2);
    }

    @Test
    void analystChecksThenConfirmsAMigrationOnTheVersionPage() throws Exception {
        String key = twoVersions();
        start(key, "wait");
        start(key, "old");
        PortalClient analyst = portal();
        analyst.login(StrategyUploadTests.ANALYST, StrategyUploadTests.PASSWORD);
        String versionPage = "/strategies/processes/" + key + "/versions/1";

        String preview = analyst.get(versionPage + "?migrateTo=2").body();

        assertThat(preview).contains("Running on version 1: 2. Would move to version 2: 1.")
                .contains("the contacts waiting there stay on version 1").contains("Task_Old")
                .contains("data-confirm=\"Migrate 1 running contacts of strategy " + key + " from version 1 to version 2?");

        HttpResponse<String> confirmed = analyst.postFormWithTokenOf(preview, versionPage + "/migrate", Map.of("to", "2"));

        assertThat(confirmed.statusCode()).isEqualTo(302);
        String location = confirmed.headers().firstValue("Location").orElseThrow();
        Matcher id = Pattern.compile("/strategies/migrations/(\\d+)$").matcher(location);
        assertThat(id.find()).as(location).isTrue();
        awaitDone(Long.parseLong(id.group(1)));
        String progress = analyst.get("/strategies/migrations/" + id.group(1)).body();
        assertThat(progress).contains("finished").contains("1 contacts stayed on version 1")
                .contains("Running now: 1 on version 1, 1 on version 2.");
        assertThat(analyst.get("/strategies/processes/" + key).body()).contains("/strategies/migrations/" + id.group(1));

        HttpResponse<String> polled = analyst.http().send(java.net.http.HttpRequest.newBuilder(
                        analyst.uri("/strategies/migrations/" + id.group(1))).header("HX-Request", "true").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(polled.body()).as("htmx polls the progress only").startsWith("<div id=\"migration-progress\"")
                .contains("data-state=\"DONE\"").doesNotContain("hx-trigger").doesNotContain("<html");
    }

    /** Deploys the two versions of the fixture under a key of its own; returns the key. */
    private String twoVersions() {
        String key = StrategyFixtures.uniqueKey("migration");
        deployment.deployFile("test/" + key + "-v1.bpmn",
                StrategyFixtures.resource("migration-v1.bpmn").replace("migration_fixture", key).getBytes(StandardCharsets.UTF_8));
        deployment.deployFile("test/" + key + "-v2.bpmn",
                StrategyFixtures.resource("migration-v2.bpmn").replace("migration_fixture", key).getBytes(StandardCharsets.UTF_8));
        return key;
    }

    /** Starts an instance of version 1, as if it had started before version 2 was deployed. */
    private String start(String key, String path) {
        String versionOne = context.getBean(org.camunda.bpm.engine.RepositoryService.class).createProcessDefinitionQuery()
                .processDefinitionKey(key).processDefinitionVersion(1).singleResult().getId();
        ProcessInstance instance = runtime.startProcessInstanceById(versionOne, Map.of("path", path));
        return instance.getId();
    }

    private int definitionVersionOf(String instanceId) {
        String definitionId = runtime.createProcessInstanceQuery().processInstanceId(instanceId).singleResult()
                .getProcessDefinitionId();
        return context.getBean(org.camunda.bpm.engine.RepositoryService.class).getProcessDefinition(definitionId).getVersion();
    }

    /** The batch runs on the job executor; waits for it (a wait, not a measured time). */
    private StrategyMigrations.Status awaitDone(long id) {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
        StrategyMigrations.Status status = migrations.status(id);
        while (!status.done()) {
            assertThat(Instant.now()).as("migration %d still %s", id, status).isBefore(giveUp);
            assertThat(status.failedJobs()).as("failed jobs of migration %d", id).isZero();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            status = migrations.status(id);
        }
        return status;
    }
}
