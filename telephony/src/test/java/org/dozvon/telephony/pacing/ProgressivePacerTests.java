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

class ProgressivePacerTests {

    @Test
    void oneToOneNeverHasMoreCallsOutThanReadyOperators() {
        PacingStatistics statistics = history(500, 0);
        Pacer pacer = ProgressivePacer.oneToOne();
        for (int readyOperators = 0; readyOperators <= 6; readyOperators++) {
            for (int out = 0; out <= 8; out++) {
                List<CallSnapshot> calls = new ArrayList<>(dialling(out / 2, 3));
                calls.addAll(waiting(out - out / 2));
                PacingState state = state(0, concat(ready(readyOperators), talking(4, 20)), calls, statistics);

                int dials = pacer.decide(state).dials();

                assertThat(dials + calls.size()).as("%d ready, %d out", readyOperators, out)
                        .isLessThanOrEqualTo(Math.max(readyOperators, calls.size()));
                assertThat(dials).isEqualTo(Math.max(0, readyOperators - calls.size()));
            }
        }
    }

    @Test
    void fixedLinesPerOperatorDialThatManyPerReadyOperator() {
        PacingState state = state(0, ready(4), dialling(3, 1), history(500, 0));

        assertThat(ProgressivePacer.fixed(2).decide(state).dials()).isEqualTo(2 * 4 - 3);
    }

    @Test
    void adaptiveLinesFollowTheMeasuredConnectRate() {
        // One dial in five needs an operator: 0.7 / 0.2 = 3.5 lines, under a maximum of 5.
        PacingState state = state(0, ready(2), List.of(), history(4000, 0));

        double lines = ProgressivePacer.adaptive(1.5, 5).linesPerOperator(state);

        assertThat(lines).isBetween(3.2, 3.8);
    }

    @Test
    void adaptiveLinesStartAtTheCampaignsValue() {
        PacingState state = state(0, ready(2), List.of(), new PacingStatistics());

        assertThat(ProgressivePacer.adaptive(1.5, 5).linesPerOperator(state)).isEqualTo(1.5);
    }

    @Test
    void adaptiveFallsBackToOneLineWhileTheLastHourIsOverTheTarget() {
        PacingStatistics statistics = history(1000, 20);
        PacingState state = state(500, ready(2), List.of(), statistics);

        assertThat(statistics.estimates(500).lastHour().rate()).isGreaterThan(0.03);
        assertThat(ProgressivePacer.adaptive(1.5, 5).linesPerOperator(state)).isEqualTo(1.0);
    }
}
