package org.dozvon.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.dozvon.Violation;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

/** The upload checks of docs/strategies.md, each missing element with its own message; no engine needed. */
class StrategyValidatorTests {

    private static final String BPMN = StrategyFixtures.strategy("test_strategy", "test_next_action");
    private static final String DMN = StrategyFixtures.decision("test_next_action");

    /** Nothing deployed yet, unless a test says otherwise. */
    private final FakeDeployed deployed = new FakeDeployed();

    @Test
    void acceptsAStrategyWithItsDecisionInTheSameUpload() {
        StrategyValidator.Checked checked = check(file("strategy.bpmn", BPMN), file("decision.dmn", DMN));

        assertThat(checked.errors()).isEmpty();
        assertThat(checked.warnings()).isEmpty();
        assertThat(checked.processes()).isEqualTo(Map.of("strategy.bpmn", List.of("test_strategy")));
        assertThat(checked.decisions()).isEqualTo(Map.of("decision.dmn", List.of("test_next_action")));
    }

    @Test
    void acceptsAStrategyWhoseDecisionIsDeployedAlready() {
        deployed.decisions.add("test_next_action");

        assertThat(check(file("strategy.bpmn", BPMN)).errors()).isEmpty();
    }

    @Test
    void refusesAStrategyThatDoesNotWaitForTheCallOutcomeMessage() {
        String bpmn = replace(BPMN, "name=\"CallOutcome\"", "name=\"SomethingElse\"");

        assertThat(keys(check(file("strategy.bpmn", bpmn), file("decision.dmn", DMN)).errors()))
                .containsExactly("strategies.error.noCallOutcome");
        assertThat(check(file("strategy.bpmn", bpmn), file("decision.dmn", DMN)).errors().get(0).arguments())
                .containsExactly("strategy.bpmn", "test_strategy", "CallOutcome");
    }

    @Test
    void refusesAStrategyWithoutTheRequestDialTask() {
        String bpmn = replace(BPMN, "${requestDial}", "${requestCall}");

        List<Violation> errors = check(file("strategy.bpmn", bpmn), file("decision.dmn", DMN)).errors();

        assertThat(keys(errors)).containsExactly("strategies.error.noRequestDial");
        assertThat(errors.get(0).arguments()).containsExactly("strategy.bpmn", "test_strategy", "${requestDial}");
    }

    @Test
    void refusesAStrategyWithoutTheFinishContactTask() {
        String bpmn = replace(BPMN, "${finishContact}", "${finish}");

        List<Violation> errors = check(file("strategy.bpmn", bpmn), file("decision.dmn", DMN)).errors();

        assertThat(keys(errors)).containsExactly("strategies.error.noFinishContact");
        assertThat(errors.get(0).arguments()).containsExactly("strategy.bpmn", "test_strategy", "${finishContact}");
    }

    @Test
    void refusesADecisionThatIsNeitherDeployedNorUploaded() {
        List<Violation> errors = check(file("strategy.bpmn", BPMN)).errors();

        assertThat(keys(errors)).containsExactly("strategies.error.unknownDecision");
        assertThat(errors.get(0).arguments()).containsExactly("strategy.bpmn", "test_strategy", "Next action", "test_next_action");
    }

    @Test
    void namesEveryMissingElementAtOnce() {
        String bpmn = replace(replace(replace(BPMN, "name=\"CallOutcome\"", "name=\"Other\""), "${requestDial}", "${a}"),
                "${finishContact}", "${b}");

        assertThat(keys(check(file("strategy.bpmn", bpmn)).errors())).containsExactly("strategies.error.noCallOutcome",
                "strategies.error.noRequestDial", "strategies.error.noFinishContact", "strategies.error.unknownDecision");
    }

    @Test
    void refusesAFileWithoutAnExecutableProcess() {
        String bpmn = replace(BPMN, "isExecutable=\"true\"", "isExecutable=\"false\"");

        assertThat(keys(check(file("strategy.bpmn", bpmn), file("decision.dmn", DMN)).errors()))
                .containsExactly("strategies.error.noExecutableProcess");
    }

    @Test
    void reportsTheLineAndColumnOfBrokenXml() {
        String broken = replace(BPMN, "</bpmn:serviceTask>\n    <bpmn:intermediateCatchEvent", "\n    <bpmn:intermediateCatchEvent");

        List<Violation> errors = check(file("strategy.bpmn", broken)).errors();

        assertThat(keys(errors)).containsExactly("strategies.error.parseAt");
        Object[] arguments = errors.get(0).arguments();
        assertThat(arguments[0]).isEqualTo("strategy.bpmn");
        assertThat(arguments[1]).isEqualTo("BPMN");
        assertThat(Integer.parseInt((String) arguments[2])).as("line").isGreaterThan(10);
        assertThat(Integer.parseInt((String) arguments[3])).as("column").isPositive();
        assertThat((String) arguments[4]).isNotBlank();
    }

    @Test
    void reportsWhatTheBpmnSchemaDoesNotAllow() {
        String invalid = replace(BPMN, "<bpmn:endEvent id=\"Event_End\"", "<bpmn:unknownThing id=\"X\" /><bpmn:endEvent id=\"Event_End\"");

        List<Violation> errors = check(file("strategy.bpmn", invalid), file("decision.dmn", DMN)).errors();

        assertThat(keys(errors)).hasSize(1).first().asString().startsWith("strategies.error.parse");
        assertThat(String.valueOf(errors.get(0).arguments()[errors.get(0).arguments().length - 1])).contains("unknownThing");
    }

    @Test
    void reportsADecisionFileThatIsNotDmn() {
        List<Violation> errors = check(file("decision.dmn", BPMN)).errors();

        assertThat(keys(errors)).hasSize(1).first().asString().startsWith("strategies.error.parse");
        assertThat(errors.get(0).arguments()[1]).isEqualTo("DMN");
    }

    @Test
    void refusesFilesThatAreNeitherBpmnNorDmn() {
        assertThat(keys(check(file("notes.txt", "hello")).errors())).containsExactly("strategies.error.kind");
    }

    @Test
    void refusesAnEmptyUploadAndAnEmptyFile() {
        assertThat(keys(new StrategyValidator(deployed, DataSize.ofMegabytes(2)).check(List.of()).errors()))
                .containsExactly("strategies.error.noFile");
        assertThat(keys(check(file("empty.bpmn", "")).errors())).containsExactly("strategies.error.empty");
    }

    @Test
    void refusesAFileLargerThanTheLimit() {
        List<Violation> errors = new StrategyValidator(deployed, DataSize.ofKilobytes(1))
                .check(List.of(file("strategy.bpmn", BPMN))).errors();

        assertThat(keys(errors)).containsExactly("strategies.error.tooLarge");
        assertThat(errors.get(0).arguments()).containsExactly("strategy.bpmn", "1 KB");
    }

    @Test
    void refusesTwoFilesOfTheSameName() {
        assertThat(keys(check(file("decision.dmn", DMN), file("decision.dmn", DMN)).errors()))
                .containsExactly("strategies.error.duplicateName");
    }

    @Test
    void warnsWithoutRefusingWhenANewDecisionFileDropsADecisionAStrategyCalls() {
        deployed.decisions.addAll(Set.of("test_next_action", "old_rule"));
        deployed.sameFile = Set.of("test_next_action", "old_rule");
        deployed.calls = List.of(new StrategyValidator.DecisionCall("standard", 3, "Task_Old", "old_rule"),
                new StrategyValidator.DecisionCall("standard", 3, "Task_NextAction", "test_next_action"));

        StrategyValidator.Checked checked = check(file("decision.dmn", DMN));

        assertThat(checked.errors()).isEmpty();
        assertThat(keys(checked.warnings())).containsExactly("strategies.warning.droppedDecision");
        assertThat(checked.warnings().get(0).arguments()).containsExactly("decision.dmn", "old_rule", "standard", "3", "7");
    }

    @Test
    void doesNotWarnWhenTheStrategyThatCalledTheDroppedDecisionComesInTheSameUpload() {
        deployed.decisions.addAll(Set.of("test_next_action", "old_rule"));
        deployed.sameFile = Set.of("test_next_action", "old_rule");
        deployed.calls = List.of(new StrategyValidator.DecisionCall("test_strategy", 3, "Task_Old", "old_rule"));

        StrategyValidator.Checked checked = check(file("strategy.bpmn", BPMN), file("decision.dmn", DMN));

        assertThat(checked.errors()).isEmpty();
        assertThat(checked.warnings()).isEmpty();
    }

    @Test
    void everyStrategiesMessageIsInBothLanguages() throws IOException {
        Set<String> english = strategyKeys("/messages.properties");
        Set<String> russian = strategyKeys("/messages_ru.properties");

        assertThat(english).isEqualTo(russian);
        assertThat(english).contains("strategies.error.noCallOutcome", "strategies.error.noRequestDial",
                "strategies.error.noFinishContact", "strategies.error.unknownDecision", "strategies.error.parseAt",
                "strategies.error.parse", "strategies.error.kind", "strategies.error.empty", "strategies.error.tooLarge",
                "strategies.error.noFile", "strategies.error.duplicateName", "strategies.error.noExecutableProcess",
                "strategies.error.noDecision", "strategies.error.engine", "strategies.error.engineAt",
                "strategies.warning.droppedDecision");
    }

    private StrategyValidator.Checked check(StrategyValidator.ModelFile... files) {
        return new StrategyValidator(deployed, DataSize.ofMegabytes(2)).check(List.of(files));
    }

    private static StrategyValidator.ModelFile file(String name, String content) {
        return new StrategyValidator.ModelFile(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static String replace(String text, String what, String with) {
        assertThat(text).contains(what);
        return text.replace(what, with);
    }

    private static List<String> keys(List<Violation> violations) {
        return violations.stream().map(Violation::messageKey).toList();
    }

    private static Set<String> strategyKeys(String bundle) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = StrategyValidatorTests.class.getResourceAsStream(bundle)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties.stringPropertyNames().stream()
                .filter(key -> key.startsWith("strategies.") || key.equals("permission.STRATEGIES_MANAGE"))
                .collect(Collectors.toSet());
    }

    /** What a test says is deployed. */
    private static final class FakeDeployed implements StrategyValidator.Deployed {

        final Set<String> decisions = new HashSet<>();
        Set<String> sameFile = Set.of();
        List<StrategyValidator.DecisionCall> calls = List.of();

        @Override
        public boolean hasDecision(String key) {
            return decisions.contains(key);
        }

        @Override
        public Set<String> decisionsFiledWith(String key) {
            return sameFile.contains(key) ? sameFile : Set.of();
        }

        @Override
        public Optional<Integer> latestDecisionVersion(String key) {
            return decisions.contains(key) ? Optional.of(7) : Optional.empty();
        }

        @Override
        public List<StrategyValidator.DecisionCall> decisionCalls() {
            return calls;
        }
    }
}
