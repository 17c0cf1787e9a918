package org.dozvon.campaigns;

import java.time.Instant;

/**
 * What a callback is asked to be; see {@link Callbacks#schedule}.
 *
 * @param phone    any usual notation; stored in E.164
 * @param operator required for PERSONAL, absent otherwise
 */
public record NewCallback(Long contactId, Long campaignId, String phone, CallbackType type, String operator,
                          Instant windowFrom, Instant windowTo, String comment) {
}
