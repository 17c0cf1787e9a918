package org.dozvon.dialing;

import java.time.Instant;

import org.dozvon.campaigns.OutcomeCategory;

/**
 * Where the dialer hands a call's outcome: the contact's strategy, which settles the dial request and moves
 * the contact on in one transaction. Implemented by the {@code strategy} module (dialing cannot depend on it:
 * strategies write dial requests).
 */
public interface AttemptOutcomes {

    /**
     * @param attemptId      the dial request's id
     * @param completionCode a completion code's key; null: the outcome's system code
     * @param callbackAt     a callback time agreed with the person, or null
     * @return false when the attempt was settled before (by an earlier report or the strategy's safety timer):
     *         nothing changed
     */
    boolean report(long attemptId, OutcomeCategory outcome, String completionCode, Instant callbackAt);
}
