package org.dozvon.crm;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.dozvon.Violation;
import org.dozvon.access.Audit;
import org.dozvon.access.DozvonUser;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.campaigns.CodeGroup;
import org.dozvon.campaigns.CodeKind;
import org.dozvon.campaigns.CompletionCode;
import org.dozvon.campaigns.CompletionCodes;
import org.dozvon.contacts.CheckedContact;
import org.dozvon.contacts.ContactLists;
import org.dozvon.contacts.ContactRecord;
import org.dozvon.contacts.ContactRecords;
import org.dozvon.contacts.ListSchema;
import org.dozvon.contacts.PhoneNumbers;
import org.dozvon.contacts.ShownFields;
import org.dozvon.dialing.AttemptEntry;
import org.dozvon.dialing.DialQueue;
import org.dozvon.strategy.ContactControl;
import org.dozvon.strategy.ContactInCampaign;
import org.dozvon.strategy.ContactRefused;
import org.dozvon.strategy.FinalStatus;
import org.dozvon.strategy.PhoneBlock;
import org.dozvon.InvalidRequest;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What {@code /api/v1/contacts} does, composed of the modules' APIs: a contact with its phones (contacts), its place,
 * step and attempts in each campaign (strategy, dialing), shown as the caller may see it; and the changes a CRM makes,
 * each in one transaction with its audit record, tried again when the contact's process changed at the same moment.
 */
@Service
class CrmContacts {

    static final int HISTORY_LIMIT = 500;
    static final int MAX_REASON = 500;
    static final int MAX_COMMENT = 2000;
    private static final int TRIES = 3;

    private final ContactRecords records;
    private final ContactLists contactLists;
    private final PhoneNumbers phoneNumbers;
    private final ContactControl control;
    private final DialQueue queue;
    private final Campaigns campaigns;
    private final CompletionCodes codes;
    private final CrmStatuses crmStatuses;
    private final Audit audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CrmContacts(ContactRecords records, ContactLists contactLists, PhoneNumbers phoneNumbers, ContactControl control,
                DialQueue queue, Campaigns campaigns, CompletionCodes codes, CrmStatuses crmStatuses, Audit audit,
                TransactionTemplate transactions, Clock clock) {
        this.records = records;
        this.contactLists = contactLists;
        this.phoneNumbers = phoneNumbers;
        this.control = control;
        this.queue = queue;
        this.campaigns = campaigns;
        this.codes = codes;
        this.crmStatuses = crmStatuses;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- reading

    ContactRecord existing(long contactId) {
        return records.find(contactId).orElseThrow(() -> new NotFound("contact " + contactId));
    }

    ContactDetail detail(long contactId, ShownFields shown) {
        return detail(existing(contactId), shown);
    }

    /**
     * A page of the contacts with this client id (in one list, or every list), by id. A list whose client-id field the
     * caller does not see in clear matches nothing, so a masked client id cannot be probed.
     */
    Page byClientId(String clientId, Long listId, Long afterId, int limit, ShownFields shown) {
        List<ContactRecord> rows = records.withClientId(clientId, listId, afterId, limit + 1);
        boolean more = rows.size() > limit;
        List<ContactRecord> kept = more ? rows.subList(0, limit) : rows;
        Map<Long, Optional<ListSchema>> schemas = new HashMap<>();
        List<ContactDetail> items = kept.stream()
                .filter(row -> schemas.computeIfAbsent(row.listId(), contactLists::schema)
                        .flatMap(ListSchema::clientIdField).map(field -> shown.visible(field.code())).orElse(true))
                .map(row -> detail(row, shown)).toList();
        return new Page(items, more ? kept.get(kept.size() - 1).id() : null);
    }

    record Page(List<ContactDetail> items, Long lastId) {
    }

    private ContactDetail detail(ContactRecord contact, ShownFields shown) {
        Optional<ListSchema> schema = contactLists.schema(contact.listId());
        Object clientId = schema.flatMap(ListSchema::clientIdField)
                .map(field -> shown.value(field.code(), contact.clientId())).orElse(contact.clientId());
        Map<String, String> fieldOfNumber = new HashMap<>();
        contact.phones().forEach(phone -> fieldOfNumber.putIfAbsent(phone.number(), phone.fieldCode()));
        List<PhoneBlock> blocks = control.phoneBlocksOf(contact.id(), fieldOfNumber.keySet());
        List<ContactDetail.Phone> phones = contact.phones().stream().filter(phone -> !shown.hidden(phone.fieldCode()))
                .map(phone -> {
                    List<ContactDetail.Block> own = blocks.stream().filter(b -> b.number().equals(phone.number()))
                            .map(b -> new ContactDetail.Block(b.id(), b.contactId() == null ? "NUMBER" : "CONTACT",
                                    b.campaignId(), b.reason(), b.createdAt(), b.createdBy())).toList();
                    boolean everywhere = own.stream().anyMatch(b -> b.campaignId() == null);
                    return new ContactDetail.Phone(phone.fieldCode(), shown.number(phone.fieldCode(), phone.number()),
                            phone.status(), phone.active() && !everywhere, phone.timeZone(), phone.priority(), own);
                }).toList();
        Map<Long, List<ContactDetail.Attempt>> history = new LinkedHashMap<>();
        for (AttemptEntry entry : queue.history(contact.id(), HISTORY_LIMIT)) {
            history.computeIfAbsent(entry.campaignId(), id -> new ArrayList<>()).add(new ContactDetail.Attempt(
                    entry.attemptId(), entry.kind().name(), shown.number(fieldOfNumber.get(entry.phone()), entry.phone()),
                    entry.state().name(), entry.requestedAt(), entry.startedAt(), entry.answeredAt(), entry.endedAt(),
                    entry.settledAt(), entry.outcome(), completionCode(entry), entry.operator(), entry.comment()));
        }
        List<ContactDetail.Campaign> inCampaigns = new ArrayList<>();
        for (ContactInCampaign place : control.campaignsOf(contact.id())) {
            Optional<CampaignView> campaign = campaigns.find(place.campaignId());
            inCampaigns.add(new ContactDetail.Campaign(place.campaignId(), campaign.map(CampaignView::name).orElse(null),
                    campaign.map(c -> c.status().name()).orElse(null), place.status(), place.finalStatus(),
                    place.postponedUntil(), place.stepId() == null ? null : new ContactDetail.Step(place.stepId(), place.stepName()),
                    place.nextDialAt(), place.attempts(), place.startedAt(), place.finishedAt(),
                    history.getOrDefault(place.campaignId(), List.of())));
            history.remove(place.campaignId());
        }
        history.forEach((campaignId, attempts) -> {
            Optional<CampaignView> campaign = campaigns.find(campaignId);
            inCampaigns.add(new ContactDetail.Campaign(campaignId, campaign.map(CampaignView::name).orElse(null),
                    campaign.map(c -> c.status().name()).orElse(null), null, null, null, null, null, 0, null, null,
                    attempts));
        });
        return new ContactDetail(contact.id(), contact.listId(), contact.listName(),
                clientId == null ? null : clientId.toString(), shown.values(contact.values()), contact.dnc(),
                contact.blockedAt() == null ? null : new ContactDetail.Blocked(contact.blockedAt(), contact.blockedReason()),
                contact.crmStatus(), contact.crmStatusAt(), contact.createdAt(), contact.updatedAt(), phones, inCampaigns);
    }

    /** The code an attempt was settled with; without one, its outcome's system code (the one its strategy used). */
    private String completionCode(AttemptEntry entry) {
        if (entry.completionCode() != null || entry.outcome() == null || entry.settledAt() == null) {
            return entry.completionCode();
        }
        return codes.systemCode(entry.outcome()).code();
    }

    // ---------------------------------------------------------------- changes

    /** A contact's values and CRM status as a CRM sends them ({@code PATCH} / {@code PUT}). */
    record Change(Map<String, Object> fields, String crmStatus, String postponeUntil) {
    }

    /**
     * Changes some of the contact's values ({@code replace} false: the others keep theirs) or all of them ({@code
     * replace}: a field the caller sees in clear and does not send is cleared; one it does not see in clear keeps its
     * value), then applies the CRM status sent with it. Nothing is saved when anything is refused.
     */
    void change(long contactId, Change change, boolean replace, DozvonUser user, ShownFields shown) {
        ContactRecord contact = existing(contactId);
        List<Violation> violations = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        if (change.fields() != null) {
            change.fields().forEach((code, value) -> {
                String text = value == null ? "" : value instanceof String s ? s : String.valueOf(value);
                if (shown.looksMasked(code, text)) {
                    violations.add(new Violation(code, "crm.error.masked"));
                } else {
                    values.put(code, text);
                }
            });
        }
        if (replace) {
            ListSchema schema = contactLists.schema(contact.listId()).orElseThrow(() -> new NotFound("contact " + contactId));
            schema.fields().stream().filter(field -> shown.visible(field.code()) && !values.containsKey(field.code()))
                    .forEach(field -> values.put(field.code(), ""));
        }
        CrmStatus crmStatus = null;
        Instant postponeUntil = null;
        if (change.crmStatus() != null && !change.crmStatus().isBlank()) {
            crmStatus = crmStatuses.byCode(change.crmStatus()).orElse(null);
            if (crmStatus == null) {
                violations.add(new Violation("crmStatus", "crm.error.crmStatus", change.crmStatus()));
            }
        }
        if (change.postponeUntil() != null && !change.postponeUntil().isBlank()) {
            postponeUntil = ApiTimes.parse("postponeUntil", change.postponeUntil());
            if (crmStatus == null && violations.stream().noneMatch(v -> v.field().equals("crmStatus"))) {
                violations.add(new Violation("postponeUntil", "crm.error.postponeWithoutStatus"));
            } else if (!postponeUntil.isAfter(clock.instant())) {
                violations.add(new Violation("postponeUntil", "crm.error.postponePast"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequest(violations);
        }
        CrmStatus status = crmStatus;
        Instant until = postponeUntil;
        inTransaction(() -> {
            if (!values.isEmpty()) {
                ContactLists.FieldChanges changes = contactLists.changeFields(contactId, values)
                        .orElseThrow(() -> new NotFound("contact " + contactId));
                if (!changes.refused().isEmpty()) {
                    throw new InvalidRequest(changes.refused().stream().map(CrmContacts::violation).toList());
                }
                if (!changes.changed().isEmpty()) {
                    Map<String, Object> before = new LinkedHashMap<>();
                    Map<String, Object> after = new LinkedHashMap<>();
                    changes.changed().forEach(code -> {
                        before.put(code, changes.before().get(code));
                        after.put(code, changes.after().get(code));
                    });
                    audit.record(user, replace ? "contact.replace" : "contact.update", "contact", contactId, before, after);
                }
            }
            if (status != null) {
                crmStatuses.apply(contactId, status.code(), until, user);
            }
            return null;
        });
    }

    private static Violation violation(CheckedContact.Problem problem) {
        return new Violation(problem.fieldCode() == null ? "fields" : problem.fieldCode(), "crm.error.value",
                problem.value() == null ? "" : problem.value(), problem.reason());
    }

    /**
     * Cancels ({@code CANCELLED}) or blocks ({@code DO_NOT_CALL}) the contact in one campaign or in all; blocking in all
     * also blocks the contact itself, so no campaign ever takes it.
     */
    void cancel(long contactId, Long campaignId, String reason, boolean block, DozvonUser user) {
        ContactRecord contact = existing(contactId);
        checkCampaign(campaignId, contact);
        String why = reason(reason);
        FinalStatus status = block ? FinalStatus.DO_NOT_CALL : FinalStatus.CANCELLED;
        inTransaction(() -> {
            if (block && campaignId == null) {
                records.block(contactId, why, clock.instant());
            }
            List<Long> ended = control.cancel(campaignId, contactId, status, why);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("campaignId", campaignId);
            after.put("finalStatus", status);
            after.put("reason", why);
            after.put("endedIn", ended);
            audit.record(user, block ? "contact.block" : "contact.cancel", "contact", contactId, null, after);
            return null;
        });
    }

    /** Blocks one of the contact's phones in one campaign or in all. */
    void blockPhone(long contactId, String rawNumber, Long campaignId, String reason, DozvonUser user) {
        ContactRecord contact = existing(contactId);
        String number = number(rawNumber);
        if (contact.phones().stream().noneMatch(phone -> phone.number().equals(number))) {
            throw new InvalidRequest("number", "crm.error.notAPhoneOf", String.valueOf(contactId));
        }
        checkCampaign(campaignId, null);
        String why = reason(reason);
        inTransaction(() -> {
            PhoneBlock block = control.blockPhone(number, contactId, campaignId, why, user.getUsername());
            audit.record(user, "contact.phone-block", "contact", contactId, null, block);
            return null;
        });
    }

    void unblockPhone(long contactId, String rawNumber, Long campaignId, DozvonUser user) {
        existing(contactId);
        String number = number(rawNumber);
        checkCampaign(campaignId, null);
        inTransaction(() -> {
            int removed = control.unblockPhone(number, contactId, campaignId);
            if (removed > 0) {
                Map<String, Object> before = new LinkedHashMap<>();
                before.put("number", number);
                before.put("campaignId", campaignId);
                before.put("blocks", removed);
                audit.record(user, "contact.phone-unblock", "contact", contactId, before, null);
            }
            return null;
        });
    }

    /** Blocks a number whoever has it, in one campaign or in all. */
    PhoneBlock blockNumber(String rawNumber, Long campaignId, String reason, DozvonUser user) {
        String number = number(rawNumber);
        checkCampaign(campaignId, null);
        String why = reason(reason);
        return inTransaction(() -> {
            PhoneBlock block = control.blockPhone(number, null, campaignId, why, user.getUsername());
            audit.record(user, "phone-block.create", "phone-block", block.id(), null, block);
            return block;
        });
    }

    boolean removeBlock(long id, DozvonUser user) {
        return inTransaction(() -> {
            Optional<PhoneBlock> block = control.phoneBlock(id);
            if (block.isEmpty() || !control.removePhoneBlock(id)) {
                return false;
            }
            audit.record(user, "phone-block.delete", "phone-block", id, block.get(), null);
            return true;
        });
    }

    /** An agent's result for the contact in a campaign, as an operator's wrap-up with that code; its attempt id. */
    long agentResult(long contactId, Long campaignId, String code, String comment, String callbackAt, DozvonUser user) {
        existing(contactId);
        List<Violation> violations = new ArrayList<>();
        Optional<CampaignView> campaign = campaignId == null ? Optional.empty() : campaigns.find(campaignId);
        if (campaign.isEmpty()) {
            violations.add(new Violation("campaignId", campaignId == null ? "crm.error.campaignRequired"
                    : "crm.error.campaign", String.valueOf(campaignId)));
        }
        Optional<CompletionCode> completion = codes.code(code).filter(CompletionCode::active);
        if (code == null || code.isBlank()) {
            violations.add(new Violation("code", "crm.error.codeRequired"));
        } else if (completion.isEmpty() || campaign.isPresent() && !offered(campaign.get(), completion.get())) {
            violations.add(new Violation("code", "crm.error.code", code));
        }
        if (comment != null && comment.length() > MAX_COMMENT) {
            violations.add(new Violation("comment", "crm.error.comment", MAX_COMMENT));
        }
        Instant callback = null;
        if (callbackAt != null && !callbackAt.isBlank()) {
            callback = ApiTimes.parse("callbackAt", callbackAt);
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequest(violations);
        }
        Instant agreed = callback;
        String note = comment == null || comment.isBlank() ? null : comment.strip();
        return inTransaction(() -> {
            long attemptId = control.agentResult(campaignId, contactId, completion.get(), note, agreed, user.getUsername());
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("campaignId", campaignId);
            after.put("code", completion.get().code());
            after.put("comment", note);
            after.put("callbackAt", agreed);
            after.put("attemptId", attemptId);
            audit.record(user, "contact.agent-result", "contact", contactId, null, after);
            return attemptId;
        });
    }

    /** The campaign's code group offers the code (an active member); a campaign without a group: any operator code. */
    private boolean offered(CampaignView campaign, CompletionCode code) {
        Long groupId = campaign.settings().completionCodeGroupId();
        if (groupId == null) {
            return code.kind() == CodeKind.OPERATOR;
        }
        return codes.group(groupId).map(CodeGroup::offered).orElse(List.of()).stream()
                .anyMatch(offered -> offered.code().equals(code.code()));
    }

    // ---------------------------------------------------------------- helpers

    private String number(String raw) {
        PhoneNumbers.Normalized normalized = phoneNumbers.normalize(raw == null ? "" : raw);
        if (!normalized.valid()) {
            throw new InvalidRequest("number", "crm.error.number", raw == null ? "" : raw);
        }
        return normalized.e164();
    }

    /** A campaign named in a request: it exists, and (for a contact it has not taken) calls the contact's list. */
    private void checkCampaign(Long campaignId, ContactRecord contact) {
        if (campaignId == null) {
            return;
        }
        CampaignView campaign = campaigns.find(campaignId)
                .orElseThrow(() -> new InvalidRequest("campaignId", "crm.error.campaign", String.valueOf(campaignId)));
        if (contact != null && !campaign.settings().listIds().contains(contact.listId())
                && control.campaignsOf(contact.id()).stream().noneMatch(place -> place.campaignId() == campaignId)) {
            throw new InvalidRequest("campaignId", "crm.error.campaignList", String.valueOf(campaignId), contact.listName());
        }
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        if (reason.strip().length() > MAX_REASON) {
            throw new InvalidRequest("reason", "crm.error.reason", MAX_REASON);
        }
        return reason.strip();
    }

    /**
     * Runs a change in a transaction of its own, again (up to three times) when the contact's process was changed by
     * something else at the same moment; then answers 409.
     */
    private <T> T inTransaction(Supplier<T> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> change.get());
            } catch (ContactRefused e) {
                if (e.reason() != ContactRefused.Reason.CHANGED_MEANWHILE || attempt == TRIES) {
                    throw e;
                }
            } catch (ConcurrencyFailureException e) {
                if (attempt == TRIES) {
                    throw new ContactRefused(ContactRefused.Reason.CHANGED_MEANWHILE, 0, e.getMessage());
                }
            }
        }
    }
}
