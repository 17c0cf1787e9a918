package org.dozvon.dialing;

import java.time.Instant;

import org.dozvon.campaigns.OutcomeCategory;

/**
 * A call attempt's outcome became final: its dial request is settled with the outcome and, for an answered call, the
 * operator's completion code (after the wrap-up). Published by {@link DialQueue} in the transaction that settles the
 * request (the strategy step's, or the dialer's for a manual call), so a listener that writes in it commits or rolls
 * back with the settlement. Published once per attempt; never for a request cancelled before it was dialled.
 *
 * @param completionCode the code given; null: the outcome's system code
 * @param manual         a manual call from the workplace, which no strategy waited for
 * @param dryRun         settled inside a strategy dry run (rolled back at its end)
 */
public record CallAttemptSettled(long attemptId, long campaignId, long contactId, OutcomeCategory outcome,
                                 String completionCode, Instant at, boolean manual, boolean dryRun) {
}
