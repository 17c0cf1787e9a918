package org.dozvon.contacts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dozvon.access.DozvonUser;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The CRM status a contact may carry into {@code POST /api/v1/contact-lists/{id}/contacts}: the keys
 * {@code crmStatus} and {@code postponeUntil} are taken out of its values, checked, and, once the contact is
 * written, handed to the {@link CrmStatusPolicy} in the same transaction.
 */
@Component
class CrmStatusWrites {

    static final String CRM_STATUS = "crmStatus";
    static final String POSTPONE_UNTIL = "postponeUntil";

    private final ObjectProvider<CrmStatusPolicy> policy;
    private final ContactLists contactLists;
    private final TransactionTemplate transactions;

    CrmStatusWrites(ObjectProvider<CrmStatusPolicy> policy, ContactLists contactLists, TransactionTemplate transactions) {
        this.policy = policy;
        this.contactLists = contactLists;
        this.transactions = transactions;
    }

    /** A contact's CRM status as sent: none (both null), or the status and perhaps until when it postpones. */
    record Wanted(String crmStatus, Instant postponeUntil, List<String> problems) {
        static final Wanted NONE = new Wanted(null, null, List.of());
    }

    /** Takes the CRM keys out of one contact's raw values and checks them. */
    Wanted take(Map<String, String> raw) {
        String status = raw.remove(CRM_STATUS);
        String until = raw.remove(POSTPONE_UNTIL);
        if ((status == null || status.isBlank()) && (until == null || until.isBlank())) {
            return Wanted.NONE;
        }
        List<String> problems = new ArrayList<>();
        Instant postponeUntil = null;
        if (status == null || status.isBlank()) {
            problems.add(new CheckedContact.Problem(POSTPONE_UNTIL, until, "is given without a crmStatus").describe());
        } else if (policy.getIfAvailable() == null || !policy.getObject().known(status.strip())) {
            problems.add(new CheckedContact.Problem(CRM_STATUS, status, "is not a CRM status of the mapping").describe());
        }
        if (until != null && !until.isBlank()) {
            try {
                postponeUntil = OffsetDateTime.parse(until.strip()).toInstant();
            } catch (DateTimeParseException e) {
                problems.add(new CheckedContact.Problem(POSTPONE_UNTIL, until,
                        "is not an ISO-8601 time with an offset (2031-03-03T12:00:00+03:00)").describe());
            }
        }
        return new Wanted(status == null ? null : status.strip(), postponeUntil, problems);
    }

    /**
     * Writes the contacts and, in the same transaction, applies the CRM status each was sent with.
     *
     * @param wanted per contact, in order: its CRM status, or {@link Wanted#NONE}
     */
    ContactLists.WriteReport write(ListSchema schema, List<Map<String, String>> raw, List<Wanted> wanted,
                                   boolean updateExisting, DozvonUser user) {
        if (wanted.stream().allMatch(w -> w.crmStatus() == null)) {
            return contactLists.write(schema, raw, updateExisting);
        }
        return transactions.execute(status -> {
            ContactLists.WriteReport report = contactLists.write(schema, raw, updateExisting);
            for (int i = 0; i < wanted.size(); i++) {
                Long contactId = report.contactId(i);
                if (contactId != null && wanted.get(i).crmStatus() != null) {
                    policy.getObject().apply(contactId, wanted.get(i).crmStatus(), wanted.get(i).postponeUntil(), user);
                }
            }
            return report;
        });
    }
}
