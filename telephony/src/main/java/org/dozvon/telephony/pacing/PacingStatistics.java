package org.dozvon.telephony.pacing;

/**
 * What a campaign's pacer learns from its own calls, fed by the dialer's events; one per campaign, used from
 * one thread. Times are seconds on the dialer's time line, passed in (no clock is read).
 *
 * <p>It learns:
 * <ul>
 *   <li>how dials end, by how long after the dial they left the dialling stage (1 s bins up to 60 s), so that
 *       the chance that a call still dialling after {@code a} seconds will need an operator is known; the chance
 *       that an answered call will; and the connect rate per dial. These forget: every
 *       {@value #DECAY_EVERY} finished dials all of them are multiplied by {@value #DECAY}, a memory of about
 *       1,700 dials, so a list whose people start answering more often is followed within minutes;</li>
 *   <li>how long after the dial a call needs an operator (the forecast horizon), also forgetting;</li>
 *   <li>operators' talk times (2 s bins up to 30 min) and wrap-up times (1 s bins up to 5 min), to tell
 *       how likely a talking or wrapping operator is to be free within a few seconds given how long the talk
 *       or the wrap-up has lasted so far. Early in a day the calls that have ended are the short ones, so
 *       these are trusted only once the calls ended outnumber the calls going on ten to one;</li>
 *   <li>abandons (no operator in time for a person who answered) against persons answered: over the
 *       last 60 minutes (one-minute buckets), smoothed with a 10-minute time constant, and since the start.</li>
 * </ul>
 * Before it has seen enough, it assumes a connect rate of {@value #PRIOR_CONNECT_RATE} (high, so a new campaign
 * dials cautiously: its first decision, with no calls out yet, dials about one call per free operator; worth only
 * {@value #PRIOR_DIALS} dials, so the measured rate takes over within the first minutes), {@value #PRIOR_HORIZON} s
 * to an operator, and memoryless talk times of
 * {@value #PRIOR_TALK} s (wrap-up {@value #PRIOR_WRAP} s).
 */
public final class PacingStatistics {

    static final int DIAL_BINS = 60;
    static final double TALK_BIN = 2.0;
    static final int TALK_BINS = 900;
    static final int WRAP_BINS = 300;
    static final int DECAY_EVERY = 256;
    static final double DECAY = 0.85;
    static final double PRIOR_CONNECT_RATE = 0.7;
    static final double PRIOR_DIALS = 30;
    static final double PRIOR_HORIZON = 12.0;
    static final double PRIOR_TALK = 110.0;
    static final double PRIOR_WRAP = 15.0;
    static final int MIN_SERVICE_SAMPLES = 30;
    static final int CENSORING_RATIO = 10;
    static final double SMOOTHING_SECONDS = 600.0;

    private final double[] leftDialling = new double[DIAL_BINS];
    private final double[] readyFromDialling = new double[DIAL_BINS];
    private double finishedDials;
    private double readyDials;
    private double answeredDials;
    private double readyAnswered;
    private double readyDelaySum;
    private int sinceDecay;
    private long dialVersion;

    private final double[] talk = new double[TALK_BINS];
    private final double[] wrap = new double[WRAP_BINS];
    private long services;
    private double talkSum;
    private double wrapSum;
    private long serviceVersion;

    private long dialled;
    private long persons;
    private long abandons;
    private long connects;

    private final long[] minutePersons = new long[60];
    private final long[] minuteAbandons = new long[60];
    private long currentMinute = Long.MIN_VALUE;

    private double smoothedPersons;
    private double smoothedAbandons;
    private double smoothedAt = Double.NaN;

    private PacingEstimates cached;
    private long cachedDialVersion = -1;
    private long cachedServiceVersion = -1;

    /** A call was dialled. */
    public void dialled(double now) {
        dialled++;
    }

    /**
     * A call needs an operator: the detection says a person answered (or there is no detection). It counts in
     * the abandon rate's denominator from now on.
     *
     * @param secondsSinceDial how long after its dial
     * @param answeredAfter    how long after its dial it was answered
     */
    public void readyForOperator(double now, double secondsSinceDial, double answeredAfter) {
        finishDial(answeredAfter, true, true);
        readyDelaySum += secondsSinceDial;
        persons++;
        roll(now);
        minutePersons[bucket(now)]++;
        smooth(now);
        smoothedPersons++;
    }

    /**
     * A call ended without needing an operator.
     *
     * @param answeredAfter how long after its dial it was answered, or {@link Double#NaN} if it never was
     */
    public void ended(double now, DialOutcome outcome, double secondsSinceDial, double answeredAfter) {
        boolean answered = !Double.isNaN(answeredAfter);
        finishDial(answered ? answeredAfter : secondsSinceDial, answered, false);
    }

    /** A waiting call was connected to an operator after waiting that long. */
    public void connected(double now, double secondsWaiting) {
        connects++;
        serviceVersion++;
    }

    /** A waiting call was given up: no operator within the allowed time (an abandon). */
    public void abandoned(double now, double secondsWaiting) {
        abandons++;
        roll(now);
        minuteAbandons[bucket(now)]++;
        smooth(now);
        smoothedAbandons++;
    }

    /** An operator finished a call: talked that long, then wrapped up that long. */
    public void operatorFreed(double now, double talkSeconds, double wrapSeconds) {
        talk[Math.min(TALK_BINS - 1, (int) (talkSeconds / TALK_BIN))]++;
        wrap[Math.min(WRAP_BINS - 1, (int) wrapSeconds)]++;
        talkSum += talkSeconds;
        wrapSum += wrapSeconds;
        services++;
        serviceVersion++;
    }

    public long dialledCalls() {
        return dialled;
    }

    public long personsAnswered() {
        return persons;
    }

    public long abandonedCalls() {
        return abandons;
    }

    public long connectedCalls() {
        return connects;
    }

    /** Abandons per person answered since the start; 0 before the first answer. */
    public double abandonRate() {
        return persons == 0 ? 0 : (double) abandons / persons;
    }

    /** What has been learned, as of {@code now}; immutable, cheap when nothing changed. */
    public PacingEstimates estimates(double now) {
        roll(now);
        smooth(now);
        if (cached == null || cachedDialVersion != dialVersion || cachedServiceVersion != serviceVersion) {
            cached = build();
            cachedDialVersion = dialVersion;
            cachedServiceVersion = serviceVersion;
        }
        long hourPersons = 0;
        long hourAbandons = 0;
        for (int i = 0; i < 60; i++) {
            hourPersons += minutePersons[i];
            hourAbandons += minuteAbandons[i];
        }
        return cached.withAbandons(new AbandonCounts(hourPersons, hourAbandons),
                smoothedPersons, smoothedAbandons, new AbandonCounts(persons, abandons));
    }

    private void finishDial(double leftDiallingAfter, boolean answered, boolean ready) {
        int bin = Math.min(DIAL_BINS - 1, Math.max(0, (int) leftDiallingAfter));
        leftDialling[bin]++;
        finishedDials++;
        if (answered) {
            answeredDials++;
        }
        if (ready) {
            readyFromDialling[bin]++;
            readyDials++;
            if (answered) {
                readyAnswered++;
            }
        }
        dialVersion++;
        if (++sinceDecay == DECAY_EVERY) {
            sinceDecay = 0;
            for (int i = 0; i < DIAL_BINS; i++) {
                leftDialling[i] *= DECAY;
                readyFromDialling[i] *= DECAY;
            }
            finishedDials *= DECAY;
            readyDials *= DECAY;
            answeredDials *= DECAY;
            readyAnswered *= DECAY;
            readyDelaySum *= DECAY;
        }
    }

    private PacingEstimates build() {
        double connectRate = (readyDials + PRIOR_CONNECT_RATE * PRIOR_DIALS) / (finishedDials + PRIOR_DIALS);
        double horizon = (readyDelaySum + PRIOR_HORIZON * 20) / (readyDials + 20);
        double readyIfAnswered = (readyAnswered + 0.6 * 20) / (answeredDials + 20);
        // Chance that a call still dialling after bin b seconds needs an operator: among dials that left the
        // dialling stage at b or later, the share that did; with the connect rate as a prior worth 20 dials.
        double[] readyIfDialling = new double[DIAL_BINS];
        double left = 0;
        double ready = 0;
        for (int b = DIAL_BINS - 1; b >= 0; b--) {
            left += leftDialling[b];
            ready += readyFromDialling[b];
            readyIfDialling[b] = (ready + connectRate * 20) / (left + 20);
        }
        // Early on, the calls that have ended are the short ones (the long ones are still going): trust the
        // learned times only once those ended outnumber those going on by CENSORING_RATIO.
        boolean learned = services >= MIN_SERVICE_SAMPLES && services >= CENSORING_RATIO * (connects - services);
        double[] talkCdf = learned ? cumulative(talk, services) : null;
        double[] wrapCdf = learned ? cumulative(wrap, services) : null;
        double meanTalk = learned ? talkSum / services : PRIOR_TALK;
        double meanWrap = learned ? wrapSum / services : PRIOR_WRAP;
        return new PacingEstimates(connectRate, horizon, readyIfAnswered, readyIfDialling, talkCdf, wrapCdf,
                meanTalk, meanWrap, AbandonCounts.NONE, 0, 0, AbandonCounts.NONE);
    }

    private static double[] cumulative(double[] histogram, long total) {
        double[] cdf = new double[histogram.length];
        double sum = 0;
        for (int i = 0; i < histogram.length; i++) {
            sum += histogram[i];
            cdf[i] = sum / total;
        }
        return cdf;
    }

    private void roll(double now) {
        long minute = (long) Math.floor(now / 60.0);
        if (currentMinute == Long.MIN_VALUE) {
            currentMinute = minute;
            return;
        }
        if (minute <= currentMinute) {
            return;
        }
        long steps = Math.min(60, minute - currentMinute);
        for (long m = 1; m <= steps; m++) {
            int i = (int) Math.floorMod(currentMinute + m, 60L);
            minutePersons[i] = 0;
            minuteAbandons[i] = 0;
        }
        currentMinute = minute;
    }

    private int bucket(double now) {
        return (int) Math.floorMod(currentMinute, 60L);
    }

    private void smooth(double now) {
        if (!Double.isNaN(smoothedAt) && now > smoothedAt) {
            double keep = Math.exp(-(now - smoothedAt) / SMOOTHING_SECONDS);
            smoothedPersons *= keep;
            smoothedAbandons *= keep;
        }
        smoothedAt = Double.isNaN(smoothedAt) ? now : Math.max(smoothedAt, now);
    }

    /**
     * Abandons against persons answered over some span.
     *
     * @param persons  calls that needed an operator
     * @param abandons of those, the ones given up without one
     */
    public record AbandonCounts(long persons, long abandons) {

        static final AbandonCounts NONE = new AbandonCounts(0, 0);

        public double rate() {
            return persons == 0 ? 0 : (double) abandons / persons;
        }
    }
}
