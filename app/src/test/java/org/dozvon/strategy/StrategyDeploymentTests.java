package org.dozvon.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.dozvon.ApplicationTestBase;
import org.dozvon.TestApplications;
import org.dozvon.TestDataDirectories;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Start-up deployment: one deployment per file, and an unchanged file is not deployed again — neither by a second
 * run of the deployer nor by a restart; a changed decision file makes a new version of that decision only.
 */
class StrategyDeploymentTests extends ApplicationTestBase {

    private static final List<String> FIXTURES = List.of("classpath*:strategies/startup/**/*.bpmn",
            "classpath*:strategies/startup/**/*.dmn");

    @Autowired
    StrategyDeployment deployment;

    @Autowired
    RepositoryService repository;

    @Test
    void deployingTheSameFilesAgainMakesNoNewVersion() {
        List<StrategyDeployment.FileDeployment> first = deployment.deployModels(FIXTURES);
        int processVersions = processVersions();
        int decisionVersions = decisionVersions();

        List<StrategyDeployment.FileDeployment> second = deployment.deployModels(FIXTURES);

        assertThat(first).extracting(StrategyDeployment.FileDeployment::name)
                .containsExactly("strategies/startup/startup-fixture.bpmn", "strategies/startup/startup-fixture.dmn");
        assertThat(second).extracting(StrategyDeployment.FileDeployment::deployed).containsExactly(false, false);
        assertThat(second).extracting(StrategyDeployment.FileDeployment::deploymentId)
                .containsExactlyElementsOf(first.stream().map(StrategyDeployment.FileDeployment::deploymentId).toList());
        assertThat(processVersions()).isEqualTo(processVersions);
        assertThat(decisionVersions()).isEqualTo(decisionVersions);
        assertThat(first.get(0).deploymentId()).as("one deployment per file").isNotEqualTo(first.get(1).deploymentId());
    }

    @Test
    void changingOneDecisionFileMakesANewVersionOfThatDecisionOnly() {
        deployment.deployModels(FIXTURES);
        int processVersions = processVersions();
        int decisionVersions = decisionVersions();
        String changed = StrategyFixtures.resource("startup/startup-fixture.dmn")
                .replace("\"FINISH\"", "\"RETRY\"");

        StrategyDeployment.FileDeployment result = deployment.deployFile("strategies/startup/startup-fixture.dmn",
                changed.getBytes(StandardCharsets.UTF_8));
        List<StrategyDeployment.FileDeployment> again = deployment.deployModels(FIXTURES);

        assertThat(result.deployed()).isTrue();
        assertThat(result.definitions()).containsExactly("decision startup_fixture_decision v" + (decisionVersions + 1));
        assertThat(again.get(0).deployed()).as("the unchanged process file").isFalse();
        assertThat(again.get(1).deployed()).as("the file on disk differs from the last deployed one").isTrue();
        assertThat(processVersions()).isEqualTo(processVersions);
        assertThat(decisionVersions()).isEqualTo(decisionVersions + 2);
    }

    @Test
    void restartKeepsTheVersionsOfUnchangedFiles() {
        Path dataDir = TestDataDirectories.fresh("strategy-restart");
        String locations = "dozvon.strategy.model-locations=" + String.join(",", FIXTURES);
        List<String> before;
        try (ConfigurableApplicationContext first = TestApplications.start(dataDir, locations)) {
            before = deployed(first.getBean(RepositoryService.class));
        }
        try (ConfigurableApplicationContext second = TestApplications.start(dataDir, locations)) {
            RepositoryService restarted = second.getBean(RepositoryService.class);

            assertThat(deployed(restarted)).isEqualTo(before);
            assertThat(before).containsExactly("process startup_fixture v1", "decision startup_fixture_decision v1");
            assertThat(restarted.createDeploymentQuery().deploymentSource(StrategyDeployment.STARTUP_SOURCE).count())
                    .isEqualTo(2);
        }
    }

    private static List<String> deployed(RepositoryService repository) {
        return List.of(
                "process startup_fixture v" + repository.createProcessDefinitionQuery().processDefinitionKey("startup_fixture")
                        .latestVersion().singleResult().getVersion(),
                "decision startup_fixture_decision v" + repository.createDecisionDefinitionQuery()
                        .decisionDefinitionKey("startup_fixture_decision").latestVersion().singleResult().getVersion());
    }

    private int processVersions() {
        return (int) repository.createProcessDefinitionQuery().processDefinitionKey("startup_fixture").count();
    }

    private int decisionVersions() {
        return (int) repository.createDecisionDefinitionQuery().decisionDefinitionKey("startup_fixture_decision").count();
    }
}
