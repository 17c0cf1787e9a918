package org.dozvon.dialing;

import java.time.Instant;

/**
 * One call attempt as recorded.
 *
 * @param attemptId      the dial request's id
 * @param requestState   the dial request's state (DIALING until its outcome is settled)
 * @param completionCode the code the attempt was settled with, once settled
 * @param comment        the operator's comment from the wrap-up
 */
public record CallRecord(long attemptId, String callId, long campaignId, long contactId, String number, String callerId,
                         String node, Long connectorId, Instant queuedAt, Instant originatedAt, Instant answeredAt,
                         Instant bridgedAt, Instant endedAt, String outcome, Integer originateReason, Integer hangupCause,
                         String amdStatus, String amdCause, String operator, String detail, String requestState,
                         String completionCode, String comment) {
}
