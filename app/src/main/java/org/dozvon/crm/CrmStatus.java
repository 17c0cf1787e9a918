package org.dozvon.crm;

import java.time.Instant;

import org.dozvon.strategy.FinalStatus;

/**
 * One row of the CRM status mapping.
 *
 * @param code            the status as the CRM sends it (unique, case ignored)
 * @param postponeMinutes for POSTPONE: how long, when the CRM gives no date; null otherwise
 * @param finalStatus     for FINAL: how the contact's processing ends; null otherwise
 */
public record CrmStatus(long id, String code, String name, CrmAction action, Integer postponeMinutes,
                        FinalStatus finalStatus, Instant createdAt, Instant updatedAt) {
}
