package org.dozvon.telephony.pacing.bench;

import java.util.List;

/**
 * A benchmark scenario (PACING-BENCH.md "Scenarios").
 *
 * @param name        S1 … S6 (S5 and S6 have two variants each)
 * @param agents      operators logged in at the start
 * @param amd         answering-machine detection on
 * @param personRate  share of persons (0.20 by default); no answer = 0.55 − person rate
 * @param drift       S3: person rate 0.12 before hour 2, rising linearly to 0.30 at hour 6, 0.30 after
 * @param shocks      S4: operators 35..49 leave at hour 3 and come back at hour 4; two 15-minute pauses each
 */
record Scenario(String name, int agents, boolean amd, double personRate, boolean drift, boolean shocks) {

    static List<Scenario> all() {
        return List.of(
                new Scenario("S1", 50, true, 0.20, false, false),
                new Scenario("S2", 50, false, 0.20, false, false),
                new Scenario("S3", 50, true, 0.20, true, false),
                new Scenario("S4", 50, true, 0.20, false, true),
                new Scenario("S5-N10", 10, true, 0.20, false, false),
                new Scenario("S5-N200", 200, true, 0.20, false, false),
                new Scenario("S6-p0.10", 50, true, 0.10, false, false),
                new Scenario("S6-p0.35", 50, true, 0.35, false, false));
    }

    double personRate(double t) {
        if (!drift) {
            return personRate;
        }
        double hours = t / 3600;
        if (hours <= 2) {
            return 0.12;
        }
        if (hours >= 6) {
            return 0.30;
        }
        return 0.12 + (0.30 - 0.12) * (hours - 2) / 4;
    }
}
