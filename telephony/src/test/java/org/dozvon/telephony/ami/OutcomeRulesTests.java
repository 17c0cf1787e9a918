package org.dozvon.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.dozvon.telephony.AmdStatus;
import org.dozvon.telephony.CallOutcome;

/** The rows of the outcome table in docs/telephony.md that the transcripts cannot show. */
class OutcomeRulesTests {

    @ParameterizedTest(name = "reason {0}, cause {1} -> {2}")
    @CsvSource({"0, 17, BUSY", "1, 19, NO_ANSWER", "0, 16, NO_ANSWER", "1, 21, REJECTED", "0, 3, FAILED",
            "0, 38, FAILED", "0, 127, FAILED", "5, 0, BUSY", "3, 0, NO_ANSWER", "8, 0, FAILED"})
    void unansweredCallsAreClassifiedByReasonThenFarLegCause(int reason, int cause, CallOutcome outcome) {
        assertThat(OutcomeRules.classify(reason, false, cause, null, false, true, false).outcome())
                .isEqualTo(outcome);
    }

    @Test
    void machineWinsOverAnswered() {
        assertThat(OutcomeRules.classify(4, true, 16, AmdStatus.MACHINE, true, true, false).outcome())
                .isEqualTo(CallOutcome.MACHINE);
    }

    @Test
    void answeredWithoutTheExpectedOperatorIsAbandonedButAgentlessIsAnswered() {
        assertThat(OutcomeRules.classify(4, true, 16, AmdStatus.HUMAN, false, true, true).outcome())
                .isEqualTo(CallOutcome.ABANDONED);
        assertThat(OutcomeRules.classify(4, true, 16, null, false, false, false).outcome())
                .isEqualTo(CallOutcome.ANSWERED);
    }

    @Test
    void dozvonsOwnHangUpBeforeAnswerIsNoAnswer() {
        assertThat(OutcomeRules.classify(1, false, 16, null, false, true, true).outcome())
                .isEqualTo(CallOutcome.NO_ANSWER);
    }
}
