package org.dozvon.telephony.pacing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Builders for pacing states and statistics in tests. */
final class PacingFixtures {

    private PacingFixtures() {
    }

    static List<OperatorSnapshot> ready(int count) {
        return Collections.nCopies(count, OperatorSnapshot.ready(5));
    }

    static List<OperatorSnapshot> talking(int count, double seconds) {
        return Collections.nCopies(count, OperatorSnapshot.talking(seconds, false));
    }

    static List<OperatorSnapshot> concat(List<OperatorSnapshot> a, List<OperatorSnapshot> b) {
        List<OperatorSnapshot> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static List<CallSnapshot> waiting(int count) {
        return Collections.nCopies(count, new CallSnapshot(CallStage.WAITING, 12, 0.5));
    }

    static List<CallSnapshot> dialling(int count, double age) {
        return Collections.nCopies(count, new CallSnapshot(CallStage.DIALLING, age, age));
    }

    static PacingState state(double now, List<OperatorSnapshot> operators, List<CallSnapshot> calls,
            PacingStatistics statistics) {
        return new PacingState(now, operators, calls, 400, 0.03, statistics.estimates(now));
    }

    /**
     * A day's worth of history: {@code dials} dials of which every fifth needs an operator after 12 s, persons
     * connected, talks of 100 s and wrap-ups of 10 s; {@code abandons} of the persons abandoned.
     */
    static PacingStatistics history(int dials, int abandons) {
        PacingStatistics statistics = new PacingStatistics();
        double t = 0;
        int persons = 0;
        for (int i = 0; i < dials; i++) {
            t += 0.5;
            statistics.dialled(t);
            if (i % 5 == 0) {
                statistics.readyForOperator(t + 12, 12, 10);
                if (persons++ < abandons) {
                    statistics.abandoned(t + 13, 1);
                } else {
                    statistics.connected(t + 12.5, 0.5);
                    statistics.operatorFreed(t + 122.5, 100, 10);
                }
            } else {
                statistics.ended(t + 25, DialOutcome.NO_ANSWER, 25, Double.NaN);
            }
        }
        return statistics;
    }
}
