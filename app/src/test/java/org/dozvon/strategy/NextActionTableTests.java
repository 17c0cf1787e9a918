package org.dozvon.strategy;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** dmn/next-action.dmn as deployed, row by row. */
class NextActionTableTests extends StrategyTestBase {

    @Autowired
    DecisionService decisions;

    @Test
    void finalResolutionsFinish() {
        assertThat(decide("ANSWERED", "SALE", "SUCCESS", 1, 1, 0, "WORKDAY")).containsEntry("action", "FINISH")
                .containsEntry("finalStatus", "SUCCESS");
        assertThat(decide("ANSWERED", "DO_NOT_CALL", "DO_NOT_CALL", 1, 1, 0, "WORKDAY")).containsEntry("finalStatus", "DO_NOT_CALL");
        assertThat(decide("ANSWERED", "REFUSED", "FAILURE", 1, 1, 0, "WORKDAY")).containsEntry("finalStatus", "FAILURE");
    }

    @Test
    void wrongNumberGoesToTheNextPhoneOnlyWhenThereIsOne() {
        assertThat(decide("ANSWERED", "WRONG_NUMBER", "FAILURE", 1, 1, 1, "WORKDAY")).containsEntry("action", "NEXT_PHONE");
        assertThat(decide("ANSWERED", "WRONG_NUMBER", "FAILURE", 1, 1, 0, "WORKDAY")).containsEntry("action", "FINISH");
    }

    @Test
    void unansweredCallsRetryThenMoveOnThenSendAnSms() {
        assertThat(decide("NO_ANSWER", "NO_ANSWER", "RETRY", 1, 1, 1, "WORKDAY")).containsEntry("action", "RETRY")
                .containsEntry("delaySeconds", 3600);
        assertThat(decide("NO_ANSWER", "NO_ANSWER", "RETRY", 2, 2, 1, "WORKDAY")).containsEntry("action", "NEXT_PHONE")
                .containsEntry("delaySeconds", 1800);
        assertThat(decide("NO_ANSWER", "NO_ANSWER", "RETRY", 1, 3, 1, "WORKDAY")).containsEntry("action", "SMS")
                .containsEntry("template", "missed_call");
        assertThat(decide("BUSY", "BUSY", "RETRY", 1, 1, 0, "WORKDAY")).containsEntry("delaySeconds", 300);
    }

    @Test
    void holidaysHaveTheirOwnRows() {
        assertThat(decide("NO_ANSWER", "NO_ANSWER", "RETRY", 1, 1, 0, "HOLIDAY")).containsEntry("delaySeconds", 10_800);
        assertThat(decide("BUSY", "BUSY", "RETRY", 1, 1, 0, "HOLIDAY")).containsEntry("delaySeconds", 10_800);
    }

    @Test
    void machinesRetryThenEndInAnEmail() {
        assertThat(decide("MACHINE", "MACHINE", "RETRY", 1, 1, 0, "WORKDAY")).containsEntry("delaySeconds", 14_400);
        assertThat(decide("MACHINE", "MACHINE", "RETRY", 4, 4, 0, "WORKDAY")).containsEntry("action", "EMAIL")
                .containsEntry("finalStatus", "FAILURE");
    }

    private Map<String, Object> decide(String outcome, String code, String resolution, int onPhone, int onContact,
                                       int otherPhones, String dayType) {
        VariableMap inputs = Variables.createVariables().putValue("outcomeCategory", outcome).putValue("completionCode", code)
                .putValue("codeResolution", resolution).putValue("attemptsOnPhone", onPhone)
                .putValue("attemptsOnContact", onContact).putValue("attemptsToday", 1).putValue("timesThisCode", 1)
                .putValue("otherPhones", otherPhones).putValue("phoneType", "mobile").putValue("dayType", dayType);
        Map<String, Object> row = new HashMap<>(decisions.evaluateDecisionByKey("nextAction").variables(inputs)
                .evaluate().getSingleResult().getEntryMap());
        row.values().removeIf(java.util.Objects::isNull);
        return row;
    }
}
