package org.dozvon.telephony.pacing;

import org.springframework.lang.Nullable;

import org.dozvon.telephony.pacing.PacingStatistics.AbandonCounts;

/**
 * What a campaign's {@link PacingStatistics} learned, frozen at one moment. Immutable (its arrays are never
 * written after construction and never handed out).
 *
 * @param connectRate       share of dials that end up needing an operator
 * @param horizon           mean seconds from a dial to its needing an operator, for the calls that do
 * @param readyIfAnswered   share of answered calls that end up needing an operator
 * @param readyIfDialling   by whole seconds since the dial (last: 59 s and more), the share of calls still dialling
 *                          then that end up needing an operator
 * @param talkCdf           learned distribution of talk times (2 s bins), or null while not trusted yet
 * @param wrapCdf           learned distribution of wrap-up times (1 s bins), or null while not trusted yet
 * @param meanTalk          mean talk time (the prior while not trusted yet)
 * @param meanWrap          mean wrap-up time (likewise)
 * @param lastHour          persons answered and abandons over the last 60 minutes
 * @param smoothedPersons   persons answered, exponentially smoothed (10-minute time constant)
 * @param smoothedAbandons  abandons, smoothed the same way
 * @param sinceStart        persons answered and abandons since the statistics were created
 */
public record PacingEstimates(double connectRate, double horizon, double readyIfAnswered, double[] readyIfDialling,
        @Nullable double[] talkCdf, @Nullable double[] wrapCdf, double meanTalk, double meanWrap,
        AbandonCounts lastHour, double smoothedPersons, double smoothedAbandons, AbandonCounts sinceStart) {

    /** What a campaign with no history assumes. */
    public static PacingEstimates initial() {
        return new PacingStatistics().estimates(0);
    }

    PacingEstimates withAbandons(AbandonCounts hour, double persons, double abandons, AbandonCounts start) {
        return new PacingEstimates(connectRate, horizon, readyIfAnswered, readyIfDialling, talkCdf, wrapCdf, meanTalk,
                meanWrap, hour, persons, abandons, start);
    }

    /** The chance that this call, not yet connected, will need an operator (1 for a call already waiting). */
    public double probabilityNeedsOperator(CallSnapshot call) {
        return switch (call.stage()) {
            case WAITING -> 1.0;
            case ANSWERED -> readyIfAnswered;
            case DIALLING -> readyIfDialling[Math.min(readyIfDialling.length - 1, (int) call.secondsSinceDial())];
        };
    }

    /**
     * The chance that this operator is ready within {@code seconds}: 1 if ready now, 0 if leaving after the call;
     * wrapping up, from the learned wrap-up times given how long this one has lasted; talking, the chance that
     * the talk ends (learned talk times, given how long it has lasted) early enough for a whole wrap-up to fit
     * before {@code seconds}, in 1 s steps.
     */
    public double probabilityFreeWithin(OperatorSnapshot operator, double seconds) {
        if (operator.activity() == OperatorActivity.READY) {
            return 1.0;
        }
        if (operator.leavesAfterCall()) {
            return 0.0;
        }
        if (operator.activity() == OperatorActivity.WRAP) {
            return conditional(wrapCdf, 1.0, meanWrap, operator.secondsInActivity(), seconds);
        }
        double talked = operator.secondsInActivity();
        double before = talkCdf == null ? 0 : at(talkCdf, PacingStatistics.TALK_BIN, talked);
        boolean memoryless = talkCdf == null || 1 - before < 1e-3;
        double survive = 1 - before;
        double sum = 0;
        double previous = 0;
        for (int s = 1; s <= (int) Math.ceil(seconds); s++) {
            double upTo = Math.min(s, seconds);
            double ended = memoryless ? 1 - Math.exp(-upTo / meanTalk)
                    : (at(talkCdf, PacingStatistics.TALK_BIN, talked + upTo) - before) / survive;
            double wrapWithin = wrapCdf == null ? 1 - Math.exp(-(seconds - (upTo + s - 1) / 2.0) / meanWrap)
                    : at(wrapCdf, 1.0, seconds - (upTo + s - 1) / 2.0);
            sum += (ended - previous) * wrapWithin;
            previous = ended;
        }
        return Math.max(0, Math.min(1, sum));
    }

    private static double conditional(@Nullable double[] cdf, double bin, double mean, double elapsed, double within) {
        if (cdf == null) {
            return 1 - Math.exp(-within / mean);
        }
        double before = at(cdf, bin, elapsed);
        double survive = 1 - before;
        if (survive < 1e-3) {
            // Longer than nearly everything seen: assume it ends at the average rate from here on.
            return 1 - Math.exp(-within / mean);
        }
        return Math.max(0, Math.min(1, (at(cdf, bin, elapsed + within) - before) / survive));
    }

    /** The distribution function at {@code t}, linear within bins. */
    private static double at(double[] cdf, double bin, double t) {
        double x = t / bin;
        int i = (int) x;
        if (i >= cdf.length) {
            return cdf[cdf.length - 1];
        }
        double lower = i == 0 ? 0 : cdf[i - 1];
        return lower + (cdf[i] - lower) * (x - i);
    }

    /**
     * The abandon rate to steer by: last hour's and the smoothed counts pooled, with {@code priorPersons} persons
     * at {@code prior} added so that a quiet start does not read as 0 % or 100 %.
     */
    public double steeringAbandonRate(double prior, double priorPersons) {
        return (smoothedAbandons + prior * priorPersons) / (smoothedPersons + priorPersons);
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "PacingEstimates[connectRate=" + connectRate + ", horizon=" + horizon + ", lastHour=" + lastHour
                + ", sinceStart=" + sinceStart + "]";
    }
}
