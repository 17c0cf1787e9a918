package org.dozvon.webhooks;

import java.time.Instant;
import java.util.UUID;

/**
 * One event for one subscription, as the delivery log shows it.
 *
 * @param payload       the exact body posted (and signed) at every attempt
 * @param attempts      posts tried so far, redeliveries included
 * @param nextAttemptAt when it is tried next (PENDING only)
 * @param retryUntil    after this it is FAILED at its next failure
 * @param lastStatus    the HTTP status of the last attempt; null when there was no answer (or none yet)
 * @param lastError     what went wrong at the last attempt; null after a success
 */
record Delivery(long id, long subscriptionId, UUID eventId, String eventType, Long campaignId, String payload,
                Instant occurredAt, Instant createdAt, State state, int attempts, Instant nextAttemptAt,
                Instant retryUntil, Instant lastAttemptAt, Integer lastStatus, String lastError, Instant deliveredAt) {

    enum State { PENDING, DELIVERED, FAILED }

    public boolean failed() {
        return state == State.FAILED;
    }
}
