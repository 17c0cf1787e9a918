package org.dozvon.dialing;

import java.time.Instant;

import org.dozvon.campaigns.OutcomeCategory;

/**
 * A call attempt has ended and its end is recorded (published once per attempt, after the record, before the
 * outcome goes to the strategy). Listeners run on the dialer's event thread: keep them short.
 *
 * @param attemptId  the dial request's id
 * @param campaignId its campaign
 * @param outcome    what became of the call
 * @param at         when the end was recorded
 * @param detail     why, in words (the attempt record's detail)
 */
public record CallAttemptEnded(long attemptId, long campaignId, OutcomeCategory outcome, Instant at, String detail) {
}
