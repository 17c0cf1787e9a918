package org.dozvon.dialing;

import java.time.Instant;

import org.dozvon.campaigns.OutcomeCategory;

/** A dial request and, once settled, the call attempt's outcome. */
public record DialAttempt(long id, long campaignId, long contactId, String businessKey, String phone, String phoneType,
                          String timeZone, State state, Instant dueAt, Instant windowEnd, OutcomeCategory outcome,
                          String completionCode, Instant settledAt, boolean dryRun, Long callbackId,
                          String forOperator) {

    public enum State { QUEUED, DIALING, SETTLED, CANCELLED }
}
