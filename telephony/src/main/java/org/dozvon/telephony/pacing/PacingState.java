package org.dozvon.telephony.pacing;

import java.util.List;

/**
 * What a campaign's dialer sees at one moment: an immutable snapshot a live dialer fills from its own records.
 *
 * @param now            seconds on the dialer's own time line (any origin; only differences matter)
 * @param operators      the logged-in operators who are not paused
 * @param calls          the campaign's calls that are dialling, answered or waiting for an operator (not the ones
 *                       already talking to an operator)
 * @param lineLimit      how many lines the campaign may hold at once (dialling + answered + waiting + talking)
 * @param abandonTarget  the campaign's abandon limit as a fraction (0.03 for 3 %)
 * @param estimates      what the campaign's {@link PacingStatistics} learned so far, taken at {@code now}
 */
public record PacingState(double now, List<OperatorSnapshot> operators, List<CallSnapshot> calls, int lineLimit,
        double abandonTarget, PacingEstimates estimates) {

    public PacingState {
        operators = List.copyOf(operators);
        calls = List.copyOf(calls);
        if (lineLimit < 0) {
            throw new IllegalArgumentException("negative line limit: " + lineLimit);
        }
        if (!(abandonTarget > 0 && abandonTarget < 1)) {
            throw new IllegalArgumentException("abandon target must be a fraction between 0 and 1: " + abandonTarget);
        }
    }

    public int count(OperatorActivity activity) {
        int n = 0;
        for (OperatorSnapshot operator : operators) {
            if (operator.activity() == activity) {
                n++;
            }
        }
        return n;
    }

    public int ready() {
        return count(OperatorActivity.READY);
    }

    public int talking() {
        return count(OperatorActivity.TALK);
    }

    public int count(CallStage stage) {
        int n = 0;
        for (CallSnapshot call : calls) {
            if (call.stage() == stage) {
                n++;
            }
        }
        return n;
    }

    /** Calls dialled or answered that have not reached the waiting queue yet. */
    public int inFlight() {
        return calls.size() - waiting();
    }

    public int waiting() {
        return count(CallStage.WAITING);
    }

    /** Lines still free: the limit less every call of the campaign, including the ones operators talk on. */
    public int freeLines() {
        return Math.max(0, lineLimit - calls.size() - talking());
    }
}
