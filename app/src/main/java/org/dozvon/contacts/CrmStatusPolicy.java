package org.dozvon.contacts;

import java.time.Instant;

import org.dozvon.access.DozvonUser;

/**
 * What a status a CRM sends with a contact means to the campaigns that call it (implemented by the {@code crm}
 * module, which owns the mapping; contacts cannot depend on it). A contact written through
 * {@code POST /api/v1/contact-lists/{id}/contacts} with the key {@code crmStatus} (and optionally
 * {@code postponeUntil}) is handed to it in the transaction that writes it.
 */
public interface CrmStatusPolicy {

    /** Whether the mapping knows this status (case is ignored). */
    boolean known(String crmStatus);

    /**
     * Records the contact's CRM status and applies the status's action to the contact's campaigns.
     *
     * @param postponeUntil for a status that postpones: until when; null: the mapping's default
     */
    void apply(long contactId, String crmStatus, Instant postponeUntil, DozvonUser by);
}
