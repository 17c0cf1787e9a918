package org.dozvon.strategy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.dozvon.dialing.DialAttempt;
import org.dozvon.dialing.DialQueue;

import org.springframework.stereotype.Service;

/**
 * What the strategies decided (the module's API): the decision tables a contact's process evaluated after a call
 * attempt, read from Camunda's history with the rules that fired, their conditions and answers. Decisions are
 * recorded at the history levels {@code activity-decisions} (new databases, see {@link DecisionHistory}) and
 * {@code full}; at others there is nothing to read.
 */
@Service
public class StrategyDecisions {

    private final HistoryService history;
    private final RepositoryService repository;
    private final ManagementService management;
    private final DialQueue queue;
    /** Deployed decision definitions never change: their tables are read once. */
    private final Map<String, Table> tables = new ConcurrentHashMap<>();

    StrategyDecisions(HistoryService history, RepositoryService repository, ManagementService management,
                      DialQueue queue) {
        this.history = history;
        this.repository = repository;
        this.management = management;
        this.queue = queue;
    }

    /** The engine's history level: {@code activity-decisions}, {@code activity}, {@code full}… */
    public String historyLevel() {
        int id = management.getHistoryLevel();
        if (id == DecisionHistory.ACTIVITY_AND_DECISIONS.getId()) {
            return DecisionHistory.NAME;
        }
        return List.of(HistoryLevel.HISTORY_LEVEL_NONE, HistoryLevel.HISTORY_LEVEL_ACTIVITY,
                        HistoryLevel.HISTORY_LEVEL_AUDIT, HistoryLevel.HISTORY_LEVEL_FULL).stream()
                .filter(level -> level.getId() == id).map(HistoryLevel::getName).findFirst().orElse(String.valueOf(id));
    }

    /** Whether decisions are recorded at this installation's history level. */
    public boolean recorded() {
        int id = management.getHistoryLevel();
        return id == DecisionHistory.ACTIVITY_AND_DECISIONS.getId() || id == HistoryLevel.HISTORY_LEVEL_FULL.getId();
    }

    /**
     * The decisions the contact's strategy evaluated about this attempt's outcome, in the order evaluated (a table
     * a decision requires comes with it). Empty when the attempt is unknown, its outcome has not reached the
     * strategy yet (or never will: a manual call, a request cancelled undialled), or decisions are not recorded.
     */
    public List<StrategyDecision> forAttempt(long attemptId) {
        Optional<DialAttempt> attempt = queue.attempt(attemptId);
        if (attempt.isEmpty() || !recorded()) {
            return List.of();
        }
        List<StrategyDecision> decisions = new ArrayList<>();
        for (HistoricProcessInstance process : history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(attempt.get().businessKey()).list()) {
            history.createHistoricDecisionInstanceQuery().processInstanceId(process.getId())
                    .includeInputs().includeOutputs().disableCustomObjectDeserialization()
                    .orderByEvaluationTime().asc().list().stream()
                    .filter(instance -> decidedAbout(instance, attemptId))
                    .map(this::decision)
                    .forEach(decisions::add);
        }
        decisions.sort(Comparator.comparing(StrategyDecision::evaluatedAt));
        return decisions;
    }

    private static boolean decidedAbout(HistoricDecisionInstance instance, long attemptId) {
        return instance.getInputs().stream().anyMatch(input -> DecisionHistory.ATTEMPT_INPUT.equals(input.getClauseId())
                && input.getValue() instanceof Number id && id.longValue() == attemptId);
    }

    private StrategyDecision decision(HistoricDecisionInstance instance) {
        Table table = tables.computeIfAbsent(instance.getDecisionDefinitionId(), this::table);
        Map<String, Object> given = new LinkedHashMap<>();
        for (HistoricDecisionInputInstance input : instance.getInputs()) {
            if (!DecisionHistory.ATTEMPT_INPUT.equals(input.getClauseId())) {
                given.put(input.getClauseId(), input.getValue());
            }
        }
        List<StrategyDecision.Value> inputs = new ArrayList<>();
        table.inputs().forEach(column -> {
            if (given.containsKey(column.id())) {
                inputs.add(new StrategyDecision.Value(column.label(), column.name(), given.get(column.id())));
            }
        });
        // an input the table no longer names (not possible for a deployed version, but the record is what counts)
        instance.getInputs().stream()
                .filter(input -> !DecisionHistory.ATTEMPT_INPUT.equals(input.getClauseId()))
                .filter(input -> table.inputs().stream().noneMatch(column -> column.id().equals(input.getClauseId())))
                .forEach(input -> inputs.add(new StrategyDecision.Value(label(input.getClauseName(), input.getClauseId()),
                        input.getClauseId(), input.getValue())));

        Map<String, List<HistoricDecisionOutputInstance>> byRule = new LinkedHashMap<>();
        instance.getOutputs().stream()
                .sorted(Comparator.comparing(HistoricDecisionOutputInstance::getRuleOrder,
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .forEach(output -> byRule.computeIfAbsent(output.getRuleId(), id -> new ArrayList<>()).add(output));
        List<StrategyDecision.FiredRule> rules = new ArrayList<>();
        byRule.forEach((ruleId, outputs) -> {
            Table.RuleView rule = table.rules().get(ruleId);
            List<StrategyDecision.Value> answers = new ArrayList<>();
            for (Table.Column column : table.outputs()) {
                outputs.stream().filter(output -> column.id().equals(output.getClauseId())).findFirst()
                        .ifPresent(output -> answers.add(new StrategyDecision.Value(column.label(), column.name(),
                                output.getValue())));
            }
            List<StrategyDecision.Condition> conditions = rule == null ? List.of() : rule.tests().entrySet().stream()
                    .map(test -> {
                        Table.Column column = table.input(test.getKey());
                        return new StrategyDecision.Condition(column.label(), column.name(), test.getValue(),
                                given.get(test.getKey()));
                    }).toList();
            rules.add(new StrategyDecision.FiredRule(rule == null ? 0 : rule.position(), ruleId,
                    rule == null ? null : rule.description(), conditions, answers));
        });
        return new StrategyDecision(instance.getId(), instance.getDecisionDefinitionKey(),
                label(instance.getDecisionDefinitionName(), instance.getDecisionDefinitionKey()), table.version(),
                instance.getEvaluationTime().toInstant(), List.copyOf(inputs), List.copyOf(rules));
    }

    /** The deployed decision table: its columns and rules as the history's ids name them. */
    private Table table(String decisionDefinitionId) {
        DecisionDefinition definition = repository.getDecisionDefinition(decisionDefinitionId);
        DmnModelInstance model = repository.getDmnModelInstance(decisionDefinitionId);
        List<Table.Column> inputs = new ArrayList<>();
        List<Table.Column> outputs = new ArrayList<>();
        Map<String, Table.RuleView> rules = new LinkedHashMap<>();
        Optional.ofNullable(model.<Decision>getModelElementById(definition.getKey()))
                .map(Decision::getExpression)
                .filter(DecisionTable.class::isInstance).map(DecisionTable.class::cast)
                .ifPresent(table -> {
                    List<Input> columns = List.copyOf(table.getInputs());
                    columns.forEach(input -> {
                        String expression = input.getInputExpression() == null || input.getInputExpression().getText() == null
                                ? input.getId() : input.getInputExpression().getText().getTextContent().strip();
                        inputs.add(new Table.Column(input.getId(), label(input.getLabel(), expression), expression));
                    });
                    for (Output output : table.getOutputs()) {
                        outputs.add(new Table.Column(output.getId(), label(output.getLabel(), output.getName()),
                                output.getName()));
                    }
                    int position = 0;
                    for (Rule rule : table.getRules()) {
                        position++;
                        Map<String, String> tests = new LinkedHashMap<>();
                        List<InputEntry> entries = List.copyOf(rule.getInputEntries());
                        for (int i = 0; i < entries.size() && i < columns.size(); i++) {
                            String test = entries.get(i).getText() == null ? "" : entries.get(i).getText().getTextContent().strip();
                            if (!test.isEmpty() && !test.equals("-")) {
                                tests.put(columns.get(i).getId(), test);
                            }
                        }
                        String description = rule.getDescription() == null ? null
                                : rule.getDescription().getTextContent().strip();
                        rules.put(rule.getId(), new Table.RuleView(position,
                                description == null || description.isEmpty() ? null : description, tests));
                    }
                });
        return new Table(definition.getVersion(), List.copyOf(inputs), List.copyOf(outputs), rules);
    }

    private static String label(String label, String fallback) {
        return label == null || label.isBlank() ? fallback : label.strip();
    }

    private record Table(int version, List<Column> inputs, List<Column> outputs, Map<String, RuleView> rules) {

        Column input(String id) {
            return inputs.stream().filter(column -> column.id().equals(id)).findFirst()
                    .orElse(new Column(id, id, id));
        }

        record Column(String id, String label, String name) {
        }

        record RuleView(int position, String description, Map<String, String> tests) {
        }
    }
}
