package org.dozvon.strategy;

import java.util.List;

import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The FEEL engine that keeps parsed expressions answers as Camunda's own, call after call. */
class ParsedFeelEngineTests {

    private final ParsedFeelEngine parsed = new ParsedFeelEngine(List.of());
    private final ScalaFeelEngine camundas = new ScalaFeelEngine(List.of());

    @Test
    void unaryTestsAnswerForEachCallsInputAsCamundasEngineDoes() {
        for (String input : List.of("NO_ANSWER", "BUSY", "ANSWERED", "NO_ANSWER")) {
            for (String test : List.of("\"NO_ANSWER\",\"BUSY\"", "not(\"ANSWERED\")")) {
                assertThat(parsed.evaluateSimpleUnaryTests(test, "cellInput", cell(input)))
                        .as("%s against %s", input, test)
                        .isEqualTo(camundas.evaluateSimpleUnaryTests(test, "cellInput", cell(input)));
            }
        }
        for (int attempts = 0; attempts < 5; attempts++) {
            VariableContext cell = Variables.putValue("cellInput", attempts).asVariableContext();
            assertThat(parsed.evaluateSimpleUnaryTests(">= 2", "cellInput", cell)).isEqualTo(attempts >= 2);
            assertThat(parsed.evaluateSimpleUnaryTests("[1..3]", "cellInput", cell)).isEqualTo(attempts >= 1 && attempts <= 3);
        }
    }

    @Test
    void expressionsReadEachCallsVariables() {
        for (int attempts = 0; attempts < 3; attempts++) {
            VariableContext variables = Variables.putValue("attemptsOnPhone", attempts).putValue("phoneType", "mobile")
                    .asVariableContext();
            Object next = parsed.evaluateSimpleExpression("attemptsOnPhone + 1", variables);
            assertThat(((Number) next).intValue()).isEqualTo(attempts + 1);
            assertThat((Object) parsed.evaluateSimpleExpression("phoneType", variables)).isEqualTo("mobile");
            assertThat((Object) parsed.evaluateSimpleExpression("\"RETRY\"", variables))
                    .isEqualTo(camundas.evaluateSimpleExpression("\"RETRY\"", variables));
        }
    }

    @Test
    void aBrokenExpressionFailsAsInCamundasEngineEveryTime() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> parsed.evaluateSimpleUnaryTests(">= ", "cellInput", cell("x")))
                    .isInstanceOf(FeelException.class);
            assertThatThrownBy(() -> parsed.evaluateSimpleExpression("1 +", cell("x")))
                    .isInstanceOf(FeelException.class);
        }
    }

    private static VariableContext cell(String value) {
        return Variables.putValue("cellInput", value).asVariableContext();
    }
}
