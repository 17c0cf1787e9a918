package org.dozvon.telephony.pacing;

/**
 * What a pacer decided.
 *
 * @param dials             how many calls to dial now (never negative; already within the line limit)
 * @param forecastOperators operators the pacer expects to be free for the calls it counts on (0 when it does not forecast)
 * @param forecastCalls     calls it expects to need an operator from what is already dialled or waiting
 */
public record PacingDecision(int dials, double forecastOperators, double forecastCalls) {

    public PacingDecision {
        if (dials < 0) {
            throw new IllegalArgumentException("negative dials: " + dials);
        }
    }

    public static PacingDecision none() {
        return new PacingDecision(0, 0, 0);
    }
}
