package org.dozvon.telephony.pacing;

/**
 * Dozvon's predictive pacer: dials ahead of operators becoming free and holds the abandon rate under the
 * campaign's target.
 *
 * <h2>Forecast</h2>
 * A call dialled now needs an operator, if at all, about {@link PacingEstimates#horizon() h} seconds from now
 * (the learned mean time from dial to "a person waits"). So at every decision the pacer weighs:
 * <ul>
 *   <li>operators it can count on within {@code h}: each ready operator counts 1; each busy one the learned
 *       chance of being ready within {@code h} given how long they have been talking or wrapping up (an
 *       operator leaving after the call counts 0). Their sum is {@code O}, with Bernoulli variance
 *       {@code V_O};</li>
 *   <li>calls that will want them: each waiting call counts 1 ({@code W}); each call dialling or answered
 *       counts its learned chance of needing an operator given its stage and age. Their sum is {@code M},
 *       variance {@code V_M};</li>
 *   <li>a new dial counts the learned connect rate {@code p}.</li>
 * </ul>
 * It dials {@code n = round((O − z·σ − W − M) / p)}, where {@code σ = √(V_O + V_M + (O − W − M)·(1 − p))} is
 * the spread of operators-minus-calls the dials would leave, so the safety margin {@code z·σ} grows with the
 * square root of the team, not with its size (large teams run hotter at the same abandon rate). It never dials
 * when {@code O − W − M ≤ 0} (the calls already out are expected to use every operator) and never beyond the
 * free lines.
 *
 * <h2>Cruise control</h2>
 * {@code z} is the only knob, set by feedback on the campaign's own abandon rate: the set point is
 * {@value #SET_POINT_SHARE} of the target (2.7 % for 3 %), read from the statistics' smoothed counts
 * (10-minute time constant) with {@value #PRIOR_PERSONS} persons at the set point added, so a quiet start
 * is read as "at the set point". Every decision moves {@code z} by
 * {@code gain · Δt · (rate − setPoint) / setPoint}: up, more cautious, when too many are abandoned; down when
 * too few. When the last hour or the day so far is over the target itself, the error counts
 * {@value #OVER_TARGET_BOOST} times. A new campaign starts at {@code z = } {@value #START_Z} (cautious) and
 * with a pessimistic connect rate (see {@link PacingStatistics}).
 *
 * <h2>Hours</h2>
 * Small teams answer few persons an hour, so a few unlucky abandons close together push one hour far over the
 * target even when the day is fine. The set point is therefore also capped so that the hour's abandon count
 * stays {@value #HOUR_SIGMAS} Poisson standard deviations under 5 % (for a 3 % target); see
 * {@link #setPoint}. For 50 operators that cap does not bind; for 10 it is about 2.1 %.
 *
 * <p>Stateful (the cruise control's {@code z}); one instance per campaign; deterministic.
 */
public final class PredictivePacer implements Pacer {

    static final double SET_POINT_SHARE = 0.90;
    static final double PRIOR_PERSONS = 60;
    static final double GAIN = 0.0003;
    static final double OVER_TARGET_BOOST = 3.0;
    static final double START_Z = 1.3;
    static final double MIN_Z = -1.5;
    static final double MAX_Z = 4.0;
    static final double HOUR_LIMIT_SHARE = 5.0 / 3;
    static final double HOUR_SIGMAS = 3.0;

    private final double setPointShare;
    private final double gain;
    private double z;
    private double lastDecision = Double.NaN;

    public PredictivePacer() {
        this(SET_POINT_SHARE, GAIN, START_Z);
    }

    /**
     * @param setPointShare the abandon rate to aim at, as a share of the campaign's target
     * @param gain          how fast the margin follows the abandon rate (per second, per relative error)
     * @param startMargin   the safety margin, in standard deviations, a new campaign starts with
     */
    public PredictivePacer(double setPointShare, double gain, double startMargin) {
        if (!(setPointShare > 0 && setPointShare <= 1) || !(gain >= 0)) {
            throw new IllegalArgumentException("set point share in (0, 1], gain ≥ 0");
        }
        this.setPointShare = setPointShare;
        this.gain = gain;
        this.z = startMargin;
    }

    /** The current safety margin in standard deviations (what the cruise control has set). */
    public double margin() {
        return z;
    }

    @Override
    public PacingDecision decide(PacingState state) {
        PacingEstimates estimates = state.estimates();
        steer(state, estimates);
        if (state.operators().isEmpty()) {
            return PacingDecision.none();
        }
        double horizon = Math.max(2, Math.min(30, estimates.horizon()));
        double operators = 0;
        double operatorVariance = 0;
        for (OperatorSnapshot operator : state.operators()) {
            double free = estimates.probabilityFreeWithin(operator, horizon);
            operators += free;
            operatorVariance += free * (1 - free);
        }
        double calls = 0;
        double callVariance = 0;
        for (CallSnapshot call : state.calls()) {
            double needs = estimates.probabilityNeedsOperator(call);
            calls += needs;
            callVariance += needs * (1 - needs);
        }
        double gap = operators - calls;
        if (gap <= 0) {
            return new PacingDecision(0, operators, calls);
        }
        double p = Math.max(0.01, estimates.connectRate());
        double sigma = Math.sqrt(operatorVariance + callVariance + gap * (1 - p));
        long wanted = Math.round((gap - z * sigma) / p);
        int dials = (int) Math.max(0, Math.min(state.freeLines(), wanted));
        return new PacingDecision(dials, operators, calls);
    }

    /**
     * The abandon rate to aim at: {@code setPointShare} of the target, but no higher than the rate {@code s}
     * whose hourly count stays under the hour limit ({@value #HOUR_LIMIT_SHARE} × target, 5 % for 3 %) by
     * {@value #HOUR_SIGMAS} Poisson standard deviations: {@code s + k·√(s / P) = L}, with {@code P} the persons
     * answered per hour (six times the smoothed 10-minute count). Small teams answer few persons an hour, and a
     * few unlucky abandons would otherwise push one hour far over the limit.
     */
    double setPoint(PacingState state, PacingEstimates estimates) {
        double share = state.abandonTarget() * setPointShare;
        double perHour = 6 * estimates.smoothedPersons();
        if (perHour < 1) {
            return share;
        }
        double b = HOUR_SIGMAS / Math.sqrt(perHour);
        double x = (-b + Math.sqrt(b * b + 4 * HOUR_LIMIT_SHARE * state.abandonTarget())) / 2;
        return Math.min(share, x * x);
    }

    private void steer(PacingState state, PacingEstimates estimates) {
        double now = state.now();
        if (!Double.isNaN(lastDecision) && now > lastDecision) {
            double setPoint = setPoint(state, estimates);
            double rate = estimates.steeringAbandonRate(setPoint, PRIOR_PERSONS);
            double error = Math.max(-1, Math.min(3, (rate - setPoint) / setPoint));
            if (error > 0 && (overTarget(estimates.lastHour(), state.abandonTarget(), 100)
                    || overTarget(estimates.sinceStart(), state.abandonTarget(), 200))) {
                error *= OVER_TARGET_BOOST;
            }
            z = Math.max(MIN_Z, Math.min(MAX_Z, z + gain * (now - lastDecision) * error));
        }
        lastDecision = Double.isNaN(lastDecision) ? now : Math.max(lastDecision, now);
    }

    private static boolean overTarget(PacingStatistics.AbandonCounts counts, double target, long enough) {
        return counts.persons() >= enough && counts.rate() > target;
    }
}
