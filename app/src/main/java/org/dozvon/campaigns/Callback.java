package org.dozvon.campaigns;

import java.time.Instant;

/**
 * A promise to call a contact's phone back within a time window {@code [windowFrom, windowTo)}.
 *
 * @param campaignId the campaign it belongs to
 * @param phone      E.164
 * @param operator   the operator's user name for a PERSONAL callback, else null
 * @param status     as of the moment it was read (PENDING, DUE and EXPIRED follow from the clock)
 * @param closedBy   who completed or cancelled it; null while open and when it expired
 */
public record Callback(long id, long contactId, long campaignId, String phone, CallbackType type, String operator,
                       Instant windowFrom, Instant windowTo, String comment, CallbackStatus status,
                       Instant createdAt, String createdBy, Instant closedAt, String closedBy) {
}
