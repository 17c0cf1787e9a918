package org.dozvon.telephony.pacing;

/**
 * Progressive dialing: calls only for operators who are ready now, {@code linesPerOperator} lines each, less
 * the calls already dialling, answered or waiting. With 1 line per operator no call can be abandoned while
 * operators stay ready.
 *
 * <p>Adaptive: the lines per operator start at the campaign's value and, once {@value #ADAPT_AFTER_PERSONS}
 * persons have answered, follow the measured connect rate, so
 * that a ready operator expects {@value #ADAPTIVE_FILL} of a call from the lines dialled for them
 * ({@code lines = fill / connectRate}, between 1 and the campaign's maximum). When the last hour's abandon rate
 * is over the campaign's target it falls back to 1 line per operator until it is under again.
 */
public final class ProgressivePacer implements Pacer {

    static final double ADAPTIVE_FILL = 0.7;
    static final int ADAPT_AFTER_PERSONS = 20;

    private final double linesPerOperator;
    private final double maxLinesPerOperator;
    private final boolean adaptive;

    private ProgressivePacer(double linesPerOperator, double maxLinesPerOperator, boolean adaptive) {
        if (!(linesPerOperator >= 1) || maxLinesPerOperator < linesPerOperator) {
            throw new IllegalArgumentException("lines per operator ≥ 1 and ≤ the maximum");
        }
        this.linesPerOperator = linesPerOperator;
        this.maxLinesPerOperator = maxLinesPerOperator;
        this.adaptive = adaptive;
    }

    /** One line per ready operator. */
    public static ProgressivePacer oneToOne() {
        return new ProgressivePacer(1, 1, false);
    }

    /** A fixed number of lines per ready operator. */
    public static ProgressivePacer fixed(double linesPerOperator) {
        return new ProgressivePacer(linesPerOperator, linesPerOperator, false);
    }

    /** Starts at {@code linesPerOperator} and follows the connect rate, never above {@code maxLinesPerOperator}. */
    public static ProgressivePacer adaptive(double linesPerOperator, double maxLinesPerOperator) {
        return new ProgressivePacer(linesPerOperator, maxLinesPerOperator, true);
    }

    /** The lines per ready operator this pacer would use with these estimates. */
    public double linesPerOperator(PacingState state) {
        if (!adaptive) {
            return linesPerOperator;
        }
        PacingEstimates estimates = state.estimates();
        PacingStatistics.AbandonCounts hour = estimates.lastHour();
        if (hour.persons() >= 50 && hour.rate() > state.abandonTarget()) {
            return 1;
        }
        if (estimates.sinceStart().persons() < ADAPT_AFTER_PERSONS) {
            return linesPerOperator;
        }
        return Math.max(1, Math.min(maxLinesPerOperator, ADAPTIVE_FILL / Math.max(0.01, estimates.connectRate())));
    }

    @Override
    public PacingDecision decide(PacingState state) {
        int ready = state.ready();
        long wanted = (long) Math.floor(linesPerOperator(state) * ready + 1e-9) - state.calls().size();
        int dials = (int) Math.max(0, Math.min(state.freeLines(), wanted));
        return new PacingDecision(dials, ready, state.calls().size());
    }
}
