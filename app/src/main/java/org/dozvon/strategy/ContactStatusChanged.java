package org.dozvon.strategy;

import java.time.Instant;

/**
 * A contact's status in a campaign changed: taken, postponed or held, released, finished. Published in the
 * transaction that makes the change, so a listener that writes in it (the webhooks' outbox) commits or rolls back
 * with the change.
 *
 * @param finalStatus how it ended, for {@link ContactStatus#FINISHED}; null otherwise
 * @param until       the end of a postponement, for {@link ContactStatus#POSTPONED}; null otherwise
 * @param at          when the change was made
 */
public record ContactStatusChanged(long campaignId, long contactId, ContactStatus status, FinalStatus finalStatus,
                                   Instant until, Instant at) {
}
