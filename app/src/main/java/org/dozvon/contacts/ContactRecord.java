package org.dozvon.contacts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One contact as the REST look-up shows it ({@link ContactRecords}): values in clear (the caller masks them with
 * {@link ShownFields}), its phones, its flags and its last CRM status.
 *
 * @param values        by field code
 * @param dnc           a DNC list holds one of its numbers or addresses
 * @param blockedAt     when it was blocked through the API (taken by no campaign since); null: not blocked
 * @param crmStatus     the last status a CRM sent with it; null: none
 * @param phones        in priority order
 */
public record ContactRecord(long id, long listId, String listName, String clientId, Map<String, Object> values,
                            boolean dnc, Instant blockedAt, String blockedReason, String crmStatus, Instant crmStatusAt,
                            Instant createdAt, Instant updatedAt, List<Phone> phones) {

    /**
     * @param fieldCode the phone field's code
     * @param number    E.164
     * @param status    ACTIVE, DNC (in a DNC list) or DISABLED
     * @param timeZone  IANA id, or null when none was found
     */
    public record Phone(String fieldCode, String number, String status, String timeZone, int priority) {

        public boolean active() {
            return "ACTIVE".equals(status);
        }
    }
}
