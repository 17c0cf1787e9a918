package org.dozvon.telephony.pacing.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.dozvon.telephony.pacing.PredictivePacer;
import org.dozvon.telephony.pacing.ProgressivePacer;

/** The benchmark's simulation itself: reproducible, common random numbers, sane bounds. */
class SimulationTests {

    private static final Scenario S1 = Scenario.all().get(0);

    @Test
    void theSameSeedAndPolicyGiveTheSameDay() {
        RunResult first = new Simulation(S1, 7, 1, Policy.pacer("C", new PredictivePacer(), 0.5, false)).run();
        RunResult second = new Simulation(S1, 7, 1, Policy.pacer("C", new PredictivePacer(), 0.5, false)).run();

        assertThat(first).isEqualTo(second);
    }

    @Test
    void leadsAreTheSameWhateverPolicyDialsThem() {
        Lead a = Lead.draw(Streams.lead(3, 41));
        Lead b = Lead.draw(Streams.lead(3, 41));
        Lead other = Lead.draw(Streams.lead(4, 41));

        assertThat(a).isEqualTo(b).isNotEqualTo(other);
    }

    @Test
    void progressiveOneToOneAbandonsNobody() {
        RunResult result = new Simulation(S1, 1, 1, Policy.pacer("B0", ProgressivePacer.oneToOne(), 0, true)).run();

        assertThat(result.abandon()).isZero();
        assertThat(result.contacts()).isPositive();
    }

    @Test
    void theClairvoyantKeepsOperatorsBusierThanProgressiveWithoutAbandons() {
        RunResult progressive = new Simulation(S1, 2, 1, Policy.pacer("B0", ProgressivePacer.oneToOne(), 0, true)).run();
        RunResult clairvoyant = new Simulation(S1, 2, 1, new Policy.Clairvoyant()).run();

        assertThat(clairvoyant.abandon()).isZero();
        assertThat(clairvoyant.occupancy()).isGreaterThan(progressive.occupancy() + 0.2);
    }
}
