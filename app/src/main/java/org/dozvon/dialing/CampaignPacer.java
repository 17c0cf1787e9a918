package org.dozvon.dialing;

import java.time.Duration;
import java.time.Instant;

import org.dozvon.campaigns.OutcomeCategory;

/**
 * Decides how many new calls one campaign dials now. The dialer keeps one pacer per running campaign and asks it
 * on its own thread, once per tick, with non-decreasing {@link CampaignLines#now()}, so a pacer may keep state
 * between decisions (a predictive pacer's estimates). The dialer never dials more than
 * {@link CampaignLines#freeLines()}, whatever the answer.
 *
 * <p>The dialer also tells the pacer what becomes of the campaign's calls (the default methods ignore it), from
 * its event thread: a pacer that learns from them must be safe to call from two threads.
 */
public interface CampaignPacer {

    /** How many requests to dial now (0 or more). */
    int dials(CampaignLines lines);

    /** A call was placed. */
    default void dialled(Instant at) {
    }

    /** A person waits for an operator (answered; detection, if on, said not a machine). */
    default void waiting(Instant at, Duration sinceDial, Duration answeredAfter) {
    }

    /** A call ended without ever waiting for an operator; {@code answeredAfter} null if nobody answered. */
    default void ended(Instant at, OutcomeCategory outcome, Duration sinceDial, Duration answeredAfter) {
    }

    /** A waiting person was connected to an operator after waiting that long. */
    default void connected(Instant at, Duration waited) {
    }

    /** A waiting person was given up (no operator in time): an abandon. */
    default void abandoned(Instant at, Duration waited) {
    }

    /** An operator finished a call: talked, then wrapped up, that long. */
    default void operatorFreed(Instant at, Duration talk, Duration wrapUp) {
    }

    /** Agentless: every free line dials. */
    static CampaignPacer agentless() {
        return CampaignLines::freeLines;
    }
}
