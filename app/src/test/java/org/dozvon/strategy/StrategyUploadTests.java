package org.dozvon.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RepositoryService;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.access.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Uploading new versions through {@code /api/v1/strategies} and the Strategies page, and reading them back. */
class StrategyUploadTests extends ApplicationTestBase {

    static final String ANALYST = "strategy-analyst";
    static final String SUPERVISOR = "strategy-supervisor";
    static final String PASSWORD = "Strategy-Pass-1";

    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    ApplicationContext context;

    @Autowired
    RepositoryService repository;

    @BeforeEach
    void users() {
        TestUsers users = new TestUsers(context);
        users.ensure(ANALYST, PASSWORD, false, "ANALYST");
        users.ensure(SUPERVISOR, PASSWORD, false, "SUPERVISOR");
    }

    @Test
    void analystUploadsAStrategyWithItsDecisionAndReadsTheVersionsBack() throws Exception {
        String key = StrategyFixtures.uniqueKey("upload");
        String decision = key + "_decision";
        String bpmn = StrategyFixtures.strategy(key, decision);

        HttpResponse<String> uploaded = StrategyFixtures.upload(port, ANALYST, PASSWORD,
                files(key + ".bpmn", bpmn, decision + ".dmn", StrategyFixtures.decision(decision)));

        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        JsonNode result = json.readTree(uploaded.body());
        assertThat(result.path("deployed").toString())
                .contains("{\"kind\":\"process\",\"key\":\"" + key + "\",\"version\":1}")
                .contains("{\"kind\":\"decision\",\"key\":\"" + decision + "\",\"version\":1}");

        JsonNode list = json.readTree(portal().api("/api/v1/strategies?limit=1000", ANALYST, PASSWORD).body());
        assertThat(list.path("items").findValuesAsText("key")).contains(key);
        JsonNode decisions = json.readTree(portal().api("/api/v1/strategies/decisions?limit=1000", ANALYST, PASSWORD).body());
        assertThat(decisions.path("items").findValuesAsText("key")).contains(decision);

        JsonNode versions = json.readTree(portal().api("/api/v1/strategies/processes/" + key + "/versions", ANALYST, PASSWORD).body());
        assertThat(versions.path("items")).hasSize(1);
        assertThat(versions.path("nextCursor").isNull()).isTrue();
        JsonNode version = versions.path("items").get(0);
        assertThat(version.path("version").asInt()).isEqualTo(1);
        assertThat(version.path("latest").asBoolean()).isTrue();
        assertThat(version.path("source").path("kind").asText()).isEqualTo("UPLOAD");
        assertThat(version.path("source").path("by").asText()).isEqualTo(ANALYST);
        assertThat(version.path("runningInstances").asInt()).isZero();

        HttpResponse<String> xml = portal().api("/api/v1/strategies/processes/" + key + "/versions/1/xml", ANALYST, PASSWORD,
                "application/xml");
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(xml.body()).isEqualTo(bpmn);
        assertThat(xml.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                disposition -> assertThat(disposition).contains("attachment").contains(key + ".bpmn"));

        JsonNode decisionVersions = json.readTree(portal().api("/api/v1/strategies/decisions/" + decision + "/versions",
                ANALYST, PASSWORD).body());
        assertThat(decisionVersions.path("items").get(0).path("version").asInt()).isEqualTo(1);
    }

    @Test
    void uploadingTheSameFilesAgainDeploysNothingAndAChangedOneMakesVersionTwo() throws Exception {
        String key = StrategyFixtures.uniqueKey("again");
        String decision = key + "_decision";
        Map<String, String> files = files(key + ".bpmn", StrategyFixtures.strategy(key, decision),
                decision + ".dmn", StrategyFixtures.decision(decision));
        assertThat(StrategyFixtures.upload(port, ANALYST, PASSWORD, files).statusCode()).isEqualTo(201);

        HttpResponse<String> again = StrategyFixtures.upload(port, ANALYST, PASSWORD, files);

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        JsonNode result = json.readTree(again.body());
        assertThat(result.path("deploymentId").isNull()).isTrue();
        assertThat(result.path("unchanged").toString()).contains(key + ".bpmn").contains(decision + ".dmn");

        Map<String, String> changedDecision = new LinkedHashMap<>(files);
        changedDecision.put(decision + ".dmn", StrategyFixtures.decision(decision).replace("600", "900"));
        HttpResponse<String> changed = StrategyFixtures.upload(port, ANALYST, PASSWORD, changedDecision);

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(201);
        assertThat(json.readTree(changed.body()).path("deployed").toString())
                .isEqualTo("[{\"kind\":\"decision\",\"key\":\"" + decision + "\",\"version\":2}]");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isEqualTo(1);

        org.dozvon.ApiPaging paging = new org.dozvon.ApiPaging(port, ANALYST, PASSWORD);
        assertThat(paging.pages("/api/v1/strategies/decisions/" + decision + "/versions", 1)).hasSize(2);
        assertThat(paging.values("/api/v1/strategies/decisions/" + decision + "/versions", 1, "version"))
                .containsExactly("2", "1");
        java.util.List<String> strategies = paging.values("/api/v1/strategies", 1, "key");
        assertThat(strategies).contains("standard", key).isSorted().doesNotHaveDuplicates();
        assertThat(paging.values("/api/v1/strategies/decisions", 2, "key")).contains(decision).isSorted();
        assertThat(paging.values("/api/v1/strategies/migrations?key=" + key, 5, "id")).isEmpty();
        org.dozvon.ApiPaging.refusedParameter(paging.get("/api/v1/strategies?cursor=" + decision, "en"), "cursor");
    }

    @Test
    void refusedUploadNamesWhatIsMissingInRussianAndDeploysNothing() throws Exception {
        String key = StrategyFixtures.uniqueKey("refused");
        String bpmn = StrategyFixtures.strategy(key, key + "_missing").replace("${requestDial}", "${dial}");

        HttpResponse<String> refused = StrategyFixtures.upload(port, ANALYST, PASSWORD, files(key + ".bpmn", bpmn), "ru");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.path("errors").get(0).asText()).isEqualTo(key + ".bpmn, стратегия " + key
                + ": нет сервисной задачи с delegate expression ${requestDial} (она просит набрать контакт).");
        assertThat(problem.path("errors").get(1).asText()).contains("вызывает решение " + key + "_missing");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
    }

    @Test
    void camundaParseErrorsComeWithTheirLineAndDeployNothing() throws Exception {
        String key = StrategyFixtures.uniqueKey("parse");
        String decision = key + "_decision";
        // a timer without a time passes the schema, but Camunda's parser refuses it
        String bpmn = StrategyFixtures.strategy(key, decision).replace("    <bpmn:endEvent id=\"Event_End\"",
                "    <bpmn:intermediateCatchEvent id=\"Event_Broken\">\n      <bpmn:timerEventDefinition id=\"Timer_Broken\" />\n"
                        + "    </bpmn:intermediateCatchEvent>\n    <bpmn:endEvent id=\"Event_End\"");

        HttpResponse<String> refused = StrategyFixtures.upload(port, ANALYST, PASSWORD,
                files(key + ".bpmn", bpmn, decision + ".dmn", StrategyFixtures.decision(decision)));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(json.readTree(refused.body()).path("errors").get(0).asText())
                .startsWith(key + ".bpmn, line ").contains(", column ");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
        assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey(decision).count())
                .as("nothing of the upload").isZero();
    }

    @Test
    void aDecisionFileThatDropsACalledDecisionIsDeployedWithAWarning() throws Exception {
        String key = StrategyFixtures.uniqueKey("dropped");
        String decision = key + "_decision";
        String extra = key + "_extra";
        String table = StrategyFixtures.decision(extra);
        String extraTable = table.substring(table.indexOf("<decision "), table.indexOf("</definitions>")).replace("id=\"", "id=\"Extra_")
                .replace("Extra_" + extra, extra);
        String twoDecisions = StrategyFixtures.decision(decision).replace("</definitions>", extraTable + "</definitions>");
        String callsExtra = StrategyFixtures.strategy(key, extra);
        assertThat(StrategyFixtures.upload(port, ANALYST, PASSWORD,
                files(key + ".bpmn", callsExtra, decision + ".dmn", twoDecisions)).statusCode()).isEqualTo(201);

        HttpResponse<String> withoutExtra = StrategyFixtures.upload(port, ANALYST, PASSWORD,
                files(decision + ".dmn", StrategyFixtures.decision(decision)));

        assertThat(withoutExtra.statusCode()).as(withoutExtra.body()).isEqualTo(201);
        assertThat(json.readTree(withoutExtra.body()).path("warnings").get(0).asText()).isEqualTo(decision
                + ".dmn no longer contains the decision " + extra + ", which strategy " + key
                + " (version 1) calls: that strategy goes on calling version 1 of the decision.");
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedWithTheLimit() throws Exception {
        byte[] large = new byte[2 * 1024 * 1024 + 10];
        java.util.Arrays.fill(large, (byte) ' ');

        HttpResponse<String> refused = StrategyFixtures.uploadBytes(port, ANALYST, PASSWORD, Map.of("big.bpmn", large), "en");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(json.readTree(refused.body()).path("errors").get(0).asText())
                .isEqualTo("big.bpmn: the file is larger than 2.0 MB, the largest model Dozvon accepts.");
    }

    @Test
    void onlyAdministratorsAndAnalystsUseTheApi() {
        TestUsers users = new TestUsers(context);
        users.ensure("strategy-operator", PASSWORD, false, "OPERATOR");
        users.ensure("strategy-auditor", PASSWORD, false, "AUDITOR");
        String key = StrategyFixtures.uniqueKey("denied");
        Map<String, String> files = files(key + ".bpmn", StrategyFixtures.strategy(key, key));

        for (String denied : java.util.List.of(SUPERVISOR, "strategy-operator", "strategy-auditor")) {
            assertThat(StrategyFixtures.upload(port, denied, PASSWORD, files).statusCode()).as(denied).isEqualTo(403);
            assertThat(portal().api("/api/v1/strategies", denied, PASSWORD).statusCode()).as(denied).isEqualTo(403);
            assertThat(portal().api("/api/v1/strategies/migrations", denied, PASSWORD).statusCode()).as(denied).isEqualTo(403);
        }
        assertThat(portal().api("/api/v1/strategies", ANALYST, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(portal().api("/api/v1/strategies", "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);
        assertThat(portal().api("/api/v1/strategies/processes/no_such_key/versions", ANALYST, PASSWORD).statusCode())
                .isEqualTo(404);
    }

    @Test
    void analystUploadsThroughThePageAndSeesTheStrategyListed() throws Exception {
        String key = StrategyFixtures.uniqueKey("page");
        String decision = key + "_decision";
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("strategy-upload");
        java.nio.file.Path bpmn = java.nio.file.Files.writeString(folder.resolve(key + ".bpmn"),
                StrategyFixtures.strategy(key, decision), StandardCharsets.UTF_8);
        java.nio.file.Path dmn = java.nio.file.Files.writeString(folder.resolve(decision + ".dmn"),
                StrategyFixtures.decision(decision), StandardCharsets.UTF_8);
        PortalClient analyst = portal();
        analyst.login(ANALYST, PASSWORD);
        HttpResponse<String> list = analyst.get("/strategies");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);

        HttpResponse<String> refused = analyst.submitMultipart("/strategies", "/strategies/upload", Map.of("files", bpmn));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("Nothing was deployed").contains("calls the decision " + decision);

        HttpResponse<String> decisionFirst = analyst.submitMultipart("/strategies", "/strategies/upload", Map.of("files", dmn));
        assertThat(decisionFirst.statusCode()).as(decisionFirst.body()).isEqualTo(302);
        HttpResponse<String> thenStrategy = analyst.submitMultipart("/strategies", "/strategies/upload", Map.of("files", bpmn));
        assertThat(thenStrategy.statusCode()).as(thenStrategy.body()).isEqualTo(302);

        String page = analyst.get("/strategies").body();
        assertThat(page).contains(key).contains(decision).contains("Deployed: " + key + " v1.");
        String versions = analyst.get("/strategies/processes/" + key).body();
        assertThat(versions).contains("uploaded by " + ANALYST).contains(key + ".bpmn");
    }

    private static Map<String, String> files(String... nameAndXml) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < nameAndXml.length; i += 2) {
            files.put(nameAndXml[i], nameAndXml[i + 1]);
        }
        return files;
    }
}
