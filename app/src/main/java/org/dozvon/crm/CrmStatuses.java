package org.dozvon.crm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.dozvon.Violation;
import org.dozvon.access.Audit;
import org.dozvon.access.DozvonUser;
import org.dozvon.contacts.ContactRecords;
import org.dozvon.contacts.CrmStatusPolicy;
import org.dozvon.strategy.ContactControl;
import org.dozvon.strategy.FinalStatus;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * The CRM status mapping (presentation 001, "Сопоставление статусов CRM"): each status a CRM may send with a contact
 * and what it means — call, postpone, do not touch, final — and its application when a CRM updates a contact
 * ({@link #apply}: the contact keeps its last status, its campaigns get the status's action through
 * {@link ContactControl}).
 */
@Service
class CrmStatuses implements CrmStatusPolicy {

    static final int MAX_POSTPONE_MINUTES = 366 * 24 * 60;
    static final int MAX_CODE = 100;
    static final int MAX_NAME = 200;

    private final CrmStatusStore store;
    private final ContactRecords contacts;
    private final ContactControl control;
    private final Audit audit;
    private final Clock clock;

    CrmStatuses(CrmStatusStore store, ContactRecords contacts, ContactControl control, Audit audit, Clock clock) {
        this.store = store;
        this.contacts = contacts;
        this.control = control;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every status, by code. */
    List<CrmStatus> all() {
        return store.all();
    }

    Optional<CrmStatus> find(long id) {
        return store.find(id);
    }

    /** The status with this code, whatever its case. */
    Optional<CrmStatus> byCode(String code) {
        return code == null || code.isBlank() ? Optional.empty() : store.byCode(code.strip());
    }

    /**
     * A status as typed or sent: texts, checked by {@link #save}.
     *
     * @param postponeMinutes a whole number of minutes, for POSTPONE
     * @param finalStatus     a {@link FinalStatus} name, for FINAL
     */
    record Draft(String code, String name, String action, String postponeMinutes, String finalStatus) {
    }

    /** @param id the status saved; null when refused */
    record Saved(Long id, List<Violation> violations) {
        boolean ok() {
            return violations.isEmpty();
        }
    }

    /** Creates ({@code id} null) or changes a status after checking it; audited. */
    @Transactional
    Saved save(Long id, Draft draft, DozvonUser by) {
        Optional<CrmStatus> existing = id == null ? Optional.empty() : store.find(id);
        if (id != null && existing.isEmpty()) {
            throw new NotFound("CRM status " + id);
        }
        List<Violation> violations = new ArrayList<>();
        String code = draft.code() == null ? "" : draft.code().strip();
        String name = draft.name() == null ? "" : draft.name().strip();
        if (code.isEmpty() || code.length() > MAX_CODE) {
            violations.add(new Violation("code", "crmStatuses.error.code", MAX_CODE));
        } else {
            store.byCode(code).filter(other -> id == null || other.id() != id)
                    .ifPresent(other -> violations.add(new Violation("code", "crmStatuses.error.codeTaken", code)));
        }
        if (name.isEmpty() || name.length() > MAX_NAME) {
            violations.add(new Violation("name", "crmStatuses.error.name", MAX_NAME));
        }
        CrmAction action = null;
        try {
            action = draft.action() == null ? null : CrmAction.valueOf(draft.action().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (action == null) {
            violations.add(new Violation("action", "crmStatuses.error.action"));
        }
        Integer minutes = null;
        if (action == CrmAction.POSTPONE) {
            try {
                minutes = Integer.valueOf(draft.postponeMinutes() == null ? "" : draft.postponeMinutes().strip());
            } catch (NumberFormatException e) {
                minutes = null;
            }
            if (minutes == null || minutes < 1 || minutes > MAX_POSTPONE_MINUTES) {
                violations.add(new Violation("postponeMinutes", "crmStatuses.error.postponeMinutes", MAX_POSTPONE_MINUTES));
                minutes = null;
            }
        }
        FinalStatus finalStatus = null;
        if (action == CrmAction.FINAL) {
            try {
                finalStatus = draft.finalStatus() == null || draft.finalStatus().isBlank() ? null
                        : FinalStatus.valueOf(draft.finalStatus().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                finalStatus = null;
            }
            if (finalStatus == null) {
                violations.add(new Violation("finalStatus", "crmStatuses.error.finalStatus"));
            }
        }
        if (!violations.isEmpty()) {
            return new Saved(null, violations);
        }
        Instant now = clock.instant();
        long saved;
        try {
            if (id == null) {
                saved = store.insert(code, name, action, minutes, finalStatus, now);
            } else {
                store.update(id, code, name, action, minutes, finalStatus, now);
                saved = id;
            }
        } catch (DuplicateKeyException e) {
            // another request took the code between the check and the write
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return new Saved(null, List.of(new Violation("code", "crmStatuses.error.codeTaken", code)));
        }
        audit.record(by, id == null ? "crm-status.create" : "crm-status.update", "crm-status", saved,
                existing.orElse(null), store.find(saved).orElseThrow());
        return new Saved(saved, List.of());
    }

    /** Deletes a status (contacts that last had it keep it as text); audited. False when there is none. */
    @Transactional
    boolean delete(long id, DozvonUser by) {
        Optional<CrmStatus> existing = store.find(id);
        if (existing.isEmpty() || !store.delete(id)) {
            return false;
        }
        audit.record(by, "crm-status.delete", "crm-status", id, existing.get(), null);
        return true;
    }

    @Override
    public boolean known(String crmStatus) {
        return byCode(crmStatus).isPresent();
    }

    /**
     * Records the contact's CRM status and applies its action to the contact in every campaign (see {@link CrmAction};
     * holds and cancellations reach campaigns that take the contact later too). Audited.
     *
     * @throws NotFound when the status is not in the mapping (check {@link #known} first)
     */
    @Override
    @Transactional
    public void apply(long contactId, String crmStatus, Instant postponeUntil, DozvonUser by) {
        CrmStatus status = byCode(crmStatus).orElseThrow(() -> new NotFound("CRM status " + crmStatus));
        Instant now = clock.instant();
        Optional<String> before = contacts.crmStatus(contactId, status.code(), now);
        String reason = "CRM status " + status.code();
        Instant until = null;
        switch (status.action()) {
            case CALL -> control.release(null, contactId);
            case POSTPONE -> {
                until = postponeUntil != null ? postponeUntil : now.plus(Duration.ofMinutes(status.postponeMinutes()));
                control.hold(null, contactId, until, reason, by.getUsername());
            }
            case DO_NOT_TOUCH -> control.hold(null, contactId, null, reason, by.getUsername());
            case FINAL -> control.cancel(null, contactId, status.finalStatus(), reason);
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("crmStatus", status.code());
        after.put("action", status.action());
        after.put("postponeUntil", until);
        after.put("finalStatus", status.finalStatus());
        Map<String, Object> previous = new LinkedHashMap<>();
        previous.put("crmStatus", before.orElse(null));
        audit.record(by, "contact.crm-status", "contact", contactId, previous, after);
    }
}
