package org.dozvon.telephony.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dozvon.telephony.pacing.PacingFixtures.concat;
import static org.dozvon.telephony.pacing.PacingFixtures.dialling;
import static org.dozvon.telephony.pacing.PacingFixtures.history;
import static org.dozvon.telephony.pacing.PacingFixtures.ready;
import static org.dozvon.telephony.pacing.PacingFixtures.state;
import static org.dozvon.telephony.pacing.PacingFixtures.talking;
import static org.dozvon.telephony.pacing.PacingFixtures.waiting;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PredictivePacerTests {

    @Test
    void dialsNothingWithoutOperators() {
        PacingStatistics statistics = history(2000, 10);

        PacingDecision decision = new PredictivePacer().decide(state(0, List.of(), List.of(), statistics));

        assertThat(decision.dials()).isZero();
    }

    @Test
    void dialsNothingWhileCallsAlreadyWaitFillEveryOperator() {
        PacingStatistics statistics = history(2000, 10);
        PredictivePacer pacer = new PredictivePacer();

        PacingDecision decision = pacer.decide(state(0, concat(ready(3), talking(20, 30)), waiting(3 + 20), statistics));

        assertThat(decision.dials()).isZero();
    }

    @Test
    void dialsAheadOfReadyOperatorsByTheLearnedConnectRate() {
        PacingStatistics statistics = history(2000, 10);

        PacingDecision decision = new PredictivePacer().decide(state(0, ready(10), List.of(), statistics));

        // One dial in five needs an operator: more than one line per ready operator, fewer than five.
        assertThat(decision.dials()).isGreaterThan(10).isLessThan(50);
    }

    @Test
    void countsCallsAlreadyDialling() {
        PacingStatistics statistics = history(2000, 10);

        int idle = new PredictivePacer().decide(state(0, ready(10), List.of(), statistics)).dials();
        int busy = new PredictivePacer().decide(state(0, ready(10), dialling(20, 2), statistics)).dials();

        assertThat(busy).isLessThan(idle);
    }

    @Test
    void neverDialsBeyondTheFreeLines() {
        PacingStatistics statistics = history(2000, 10);
        PacingState state = new PacingState(0, ready(50), dialling(5, 1), 12, 0.03, statistics.estimates(0));

        PacingDecision decision = new PredictivePacer().decide(state);

        assertThat(decision.dials()).isEqualTo(12 - 5);
    }

    @Test
    void cutsBackWhenTheRollingAbandonRateExceedsTheTarget() {
        PacingStatistics calm = history(4000, 0);
        PacingStatistics stormy = history(4000, 80);
        PredictivePacer calmPacer = new PredictivePacer();
        PredictivePacer stormyPacer = new PredictivePacer();
        List<OperatorSnapshot> operators = concat(ready(5), talking(45, 60));
        double start = 2000 * 0.5 * 4;
        int calmDials = 0;
        int stormyDials = 0;
        for (double t = start; t < start + 900; t += 0.5) {
            calmDials = calmPacer.decide(state(t, operators, List.of(), calm)).dials();
            stormyDials = stormyPacer.decide(state(t, operators, List.of(), stormy)).dials();
        }

        assertThat(stormy.abandonRate()).isGreaterThan(0.03);
        assertThat(stormyPacer.margin()).isGreaterThan(PredictivePacer.START_Z);
        assertThat(calmPacer.margin()).isLessThan(PredictivePacer.START_Z);
        assertThat(stormyDials).isLessThan(calmDials);
    }

    @Test
    void aimsLowerForSmallTeamsSoThatNoHourGoesPastFivePercent() {
        PredictivePacer pacer = new PredictivePacer();
        PacingStatistics few = new PacingStatistics();
        PacingStatistics many = new PacingStatistics();
        for (int i = 0; i < 40; i++) {
            few.readyForOperator(i * 15, 12, 10);
        }
        for (int i = 0; i < 200; i++) {
            many.readyForOperator(i * 3, 12, 10);
        }

        double small = pacer.setPoint(state(600, ready(1), List.of(), few), few.estimates(600));
        double large = pacer.setPoint(state(600, ready(1), List.of(), many), many.estimates(600));

        assertThat(large).isCloseTo(0.03 * PredictivePacer.SET_POINT_SHARE, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(small).isLessThan(large).isGreaterThan(0.01);
    }

    @Test
    void decidesTheSameForTheSameHistory() {
        List<Integer> first = run();
        List<Integer> second = run();

        assertThat(first).isEqualTo(second).isNotEmpty();
    }

    private static List<Integer> run() {
        PacingStatistics statistics = history(3000, 30);
        PredictivePacer pacer = new PredictivePacer();
        List<Integer> dials = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double t = 1500 + i * 0.5;
            dials.add(pacer.decide(state(t, concat(ready(i % 4), talking(30, i % 150)), dialling(i % 7, i % 20),
                    statistics)).dials());
        }
        return dials;
    }
}
