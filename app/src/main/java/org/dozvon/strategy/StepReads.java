package org.dozvon.strategy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.campaigns.CompletionCode;
import org.dozvon.campaigns.CompletionCodes;
import org.dozvon.campaigns.DayType;
import org.dozvon.campaigns.OutcomeCategory;
import org.dozvon.campaigns.WorkingCalendars;
import org.dozvon.contacts.ContactCards;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the delegates read from other modules, read once per transaction: a call outcome's transaction
 * runs {@code settleOutcome}, {@code applyDecision} and {@code planAttempt} one after the other, each
 * wanting the contact's card and the completion code, and an intake batch starts hundreds of processes of
 * one campaign. Every transaction reads afresh, so edits still count from the next step on; outside a
 * transaction nothing is kept.
 */
@Component
class StepReads {

    private final Campaigns campaigns;
    private final ContactCards cards;
    private final CompletionCodes codes;
    private final WorkingCalendars calendars;

    StepReads(Campaigns campaigns, ContactCards cards, CompletionCodes codes, WorkingCalendars calendars) {
        this.campaigns = campaigns;
        this.cards = cards;
        this.codes = codes;
        this.calendars = calendars;
    }

    Optional<CampaignView> campaign(long campaignId) {
        return reads().campaigns.computeIfAbsent(campaignId, campaigns::find);
    }

    Optional<ContactCards.Card> card(long contactId) {
        return reads().cards.computeIfAbsent(contactId, cards::card);
    }

    /** The completion code with this key; empty for none (or no key). */
    Optional<CompletionCode> code(String key) {
        return key == null ? Optional.empty() : reads().codes.computeIfAbsent(key, codes::code);
    }

    /** The system code of an outcome category; kept under its key too. */
    CompletionCode systemCode(OutcomeCategory category) {
        Reads reads = reads();
        CompletionCode code = reads.systemCodes.computeIfAbsent(category, codes::systemCode);
        reads.codes.putIfAbsent(code.code(), Optional.of(code));
        return code;
    }

    DayType dayType(long calendarId, LocalDate date) {
        return reads().dayTypes.computeIfAbsent(calendarId + ":" + date, key -> calendars.dayType(calendarId, date));
    }

    private Reads reads() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new Reads();
        }
        Reads reads = (Reads) TransactionSynchronizationManager.getResource(this);
        if (reads == null) {
            Reads fresh = new Reads();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResourceIfPossible(StepReads.this);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(StepReads.this, fresh);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(StepReads.this);
                }
            });
            reads = fresh;
        }
        return reads;
    }

    private static final class Reads {
        final Map<Long, Optional<CampaignView>> campaigns = new HashMap<>();
        final Map<Long, Optional<ContactCards.Card>> cards = new HashMap<>();
        final Map<String, Optional<CompletionCode>> codes = new HashMap<>();
        final Map<OutcomeCategory, CompletionCode> systemCodes = new HashMap<>();
        final Map<String, DayType> dayTypes = new HashMap<>();
    }
}
