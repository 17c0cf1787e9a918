package org.dozvon.dialing;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A request to dial one phone of a contact.
 *
 * @param businessKey the strategy process's business key ({@code campaignId:contactId})
 * @param phone       E.164
 * @param phoneType   the phone field's code
 * @param timeZone    the zone the contact's calling hours were read in
 * @param priority    higher first among due requests (callbacks, abandoned calls)
 * @param dueAt       not dialled before
 * @param windowEnd   not dialled at or after (the calling window closes); null: no end
 * @param localDay    the contact's local day, for "attempts per day"
 * @param dryRun      written by a dry run (never taken by a pacer; rolled back anyway)
 * @param callbackId  the callback this request calls back, or null
 * @param forOperator a PERSONAL callback's operator (user name): only that operator takes it; null: anyone
 */
public record DialRequest(long campaignId, long contactId, String businessKey, String phone, String phoneType,
                          String timeZone, int priority, Instant dueAt, Instant windowEnd, LocalDate localDay,
                          Instant requestedAt, boolean dryRun, Long callbackId, String forOperator) {
}
