package org.dozvon.dialing;

import java.time.Instant;

import org.dozvon.campaigns.OutcomeCategory;

/**
 * One attempt in a contact's history ({@link DialQueue#history}).
 *
 * @param attemptId      the dial request's id (a call's card: {@code /calls/{attemptId}})
 * @param kind           a call the dialer placed, a call an operator placed by hand, or an agent result set from
 *                       outside (no call)
 * @param requestedAt    when the strategy asked for it (or the result was recorded)
 * @param startedAt      when the call was placed; null for an external result
 * @param answeredAt     when it was answered; null if never
 * @param endedAt        when it ended; null while in progress or for an external result
 * @param settledAt      when its outcome reached the strategy; null while in progress
 * @param outcome        its outcome category, once known
 * @param completionCode the code it was settled with
 * @param operator       the operator who talked (or the user who gave an external result)
 */
public record AttemptEntry(long attemptId, long campaignId, String phone, DialAttempt.State state, Kind kind,
                           Instant requestedAt, Instant startedAt, Instant answeredAt, Instant endedAt, Instant settledAt,
                           OutcomeCategory outcome, String completionCode, String operator, String comment) {

    public enum Kind { CALL, MANUAL, EXTERNAL }
}
