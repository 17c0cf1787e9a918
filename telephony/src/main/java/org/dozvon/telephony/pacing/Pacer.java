package org.dozvon.telephony.pacing;

/**
 * Decides how many calls a campaign dials now. One instance per campaign: a pacer may keep state between
 * decisions (the predictive pacer's cruise control does), so calls must come from one thread, with
 * non-decreasing {@link PacingState#now()}.
 */
public interface Pacer {

    /** How many calls to dial now; never more than {@link PacingState#freeLines()}. */
    PacingDecision decide(PacingState state);
}
