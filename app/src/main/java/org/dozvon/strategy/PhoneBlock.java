package org.dozvon.strategy;

import java.time.Instant;

/**
 * A phone number not to be dialled ({@link ContactControl#blockPhone}).
 *
 * @param number     E.164
 * @param contactId  the contact whose phone it is; null: whoever has the number
 * @param campaignId the campaign it is blocked in; null: every campaign
 * @param createdBy  the user who blocked it
 */
public record PhoneBlock(long id, String number, Long contactId, Long campaignId, String reason, Instant createdAt,
                         String createdBy) {
}
