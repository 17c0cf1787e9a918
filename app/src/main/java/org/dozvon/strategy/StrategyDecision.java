package org.dozvon.strategy;

import java.time.Instant;
import java.util.List;

/**
 * One evaluation of a decision table by a contact's strategy, as Camunda's history recorded it: what the table was
 * given and which of its rules fired with what answer.
 *
 * @param instanceId   Camunda's id of the evaluation (Cockpit shows it as a decision instance)
 * @param decisionKey  the decision's key ({@code nextAction})
 * @param decisionName its name, or the key when it has none
 * @param version      the deployed version that was evaluated
 * @param evaluatedAt  when (Camunda's clock)
 * @param inputs       every input of the table with the value it was given, in the table's order
 * @param rules        the rules that fired, in the order the hit policy took them (none: no rule matched)
 */
public record StrategyDecision(String instanceId, String decisionKey, String decisionName, int version,
                               Instant evaluatedAt, List<Value> inputs, List<FiredRule> rules) {

    /**
     * An input or an output of the table.
     *
     * @param label the column's label in the table (its expression or output name when it has none)
     * @param name  the input's expression ({@code outcomeCategory}) or the output's name ({@code action})
     * @param value the value it had (null: none)
     */
    public record Value(String label, String name, Object value) {
    }

    /**
     * A rule that fired.
     *
     * @param position    its place in the table, from 1
     * @param id          its id in the model
     * @param description its description (annotation), or null
     * @param conditions  its non-empty conditions, with the values they were tested against
     * @param outputs     what it answered, output by output
     */
    public record FiredRule(int position, String id, String description, List<Condition> conditions, List<Value> outputs) {
    }

    /**
     * A condition of a rule: the input it tests, the test as written in the table (FEEL unary tests such as
     * {@code "BUSY"} or {@code >= 2}), and the input's value that passed it.
     */
    public record Condition(String label, String name, String test, Object value) {
    }
}
