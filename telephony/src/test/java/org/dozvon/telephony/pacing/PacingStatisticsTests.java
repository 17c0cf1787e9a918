package org.dozvon.telephony.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.dozvon.telephony.pacing.PacingFixtures.history;

import org.junit.jupiter.api.Test;

class PacingStatisticsTests {

    @Test
    void learnsTheConnectRatePerDial() {
        PacingEstimates estimates = history(5000, 0).estimates(3000);

        assertThat(estimates.connectRate()).isCloseTo(0.2, within(0.01));
        assertThat(estimates.horizon()).isCloseTo(12, within(0.1));
    }

    @Test
    void aCallStillDiallingLongAfterPersonsAnswerIsUnlikelyToNeedAnOperator() {
        PacingEstimates estimates = history(5000, 0).estimates(3000);

        double young = estimates.probabilityNeedsOperator(new CallSnapshot(CallStage.DIALLING, 1, 1));
        double old = estimates.probabilityNeedsOperator(new CallSnapshot(CallStage.DIALLING, 20, 20));

        assertThat(young).isCloseTo(0.2, within(0.02));
        assertThat(old).isLessThan(0.01);
    }

    @Test
    void aWrappingOperatorNearTheUsualWrapUpEndIsAboutToBeFree() {
        PacingEstimates estimates = history(5000, 0).estimates(3000);

        double nearEnd = estimates.probabilityFreeWithin(OperatorSnapshot.wrapping(9.5, 109.5, false), 2);
        double talking = estimates.probabilityFreeWithin(OperatorSnapshot.talking(5, false), 12);
        double leaving = estimates.probabilityFreeWithin(OperatorSnapshot.wrapping(9.5, 109.5, true), 2);

        assertThat(nearEnd).isGreaterThan(0.95);
        assertThat(talking).isLessThan(0.01);
        assertThat(leaving).isZero();
    }

    @Test
    void doesNotTrustTalkTimesWhileMostCallsAreStillGoingOn() {
        PacingStatistics statistics = new PacingStatistics();
        for (int i = 0; i < 100; i++) {
            statistics.connected(0, 0);
        }
        for (int i = 0; i < 40; i++) {
            statistics.operatorFreed(30, 20, 10);
        }

        PacingEstimates estimates = statistics.estimates(30);

        assertThat(estimates.talkCdf()).isNull();
        assertThat(estimates.meanTalk()).isEqualTo(PacingStatistics.PRIOR_TALK);
    }

    @Test
    void countsAbandonsOverTheLastHourOnly() {
        PacingStatistics statistics = new PacingStatistics();
        statistics.readyForOperator(10, 12, 10);
        statistics.abandoned(11, 1);
        statistics.readyForOperator(4000, 12, 10);

        PacingEstimates estimates = statistics.estimates(4000);

        assertThat(estimates.lastHour()).isEqualTo(new PacingStatistics.AbandonCounts(1, 0));
        assertThat(estimates.sinceStart()).isEqualTo(new PacingStatistics.AbandonCounts(2, 1));
    }
}
