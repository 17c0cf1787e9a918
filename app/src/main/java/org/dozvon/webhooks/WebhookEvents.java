package org.dozvon.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.dozvon.campaigns.CampaignCompleted;
import org.dozvon.campaigns.CampaignPaused;
import org.dozvon.campaigns.CampaignResumed;
import org.dozvon.campaigns.CampaignStarted;
import org.dozvon.campaigns.CampaignStatus;
import org.dozvon.campaigns.CampaignStopped;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.campaigns.CompletionCode;
import org.dozvon.campaigns.CompletionCodes;
import org.dozvon.dialing.CallAttemptSettled;
import org.dozvon.dialing.CallRecord;
import org.dozvon.dialing.CallRecords;
import org.dozvon.imports.ImportFinished;
import org.dozvon.strategy.ContactStatus;
import org.dozvon.strategy.ContactStatusChanged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import static org.dozvon.webhooks.WebhookOutbox.CLIENT_ID;
import static org.dozvon.webhooks.WebhookOutbox.time;

/**
 * Turns the other modules' events into webhook events. The listeners are synchronous, so they write in the
 * publisher's transaction (each publisher publishes inside the transaction of its change); an event's data is
 * gathered only when some subscription wants it.
 */
@Component
class WebhookEvents {

    private final WebhookOutbox outbox;
    private final CallRecords calls;
    private final CompletionCodes codes;
    private final Campaigns campaigns;
    private final Clock clock;

    WebhookEvents(WebhookOutbox outbox, CallRecords calls, CompletionCodes codes, Campaigns campaigns, Clock clock) {
        this.outbox = outbox;
        this.calls = calls;
        this.codes = codes;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    @EventListener
    void on(CallAttemptSettled settled) {
        if (settled.dryRun()) {
            return;
        }
        outbox.record(EventType.CONTACT_ATTEMPT_COMPLETED, settled.campaignId(), settled.at(), settled.contactId(),
                () -> attempt(settled));
    }

    @EventListener
    void on(ContactStatusChanged changed) {
        outbox.record(EventType.CONTACT_STATUS_CHANGED, changed.campaignId(), changed.at(), changed.contactId(), () -> {
            Map<String, Object> data = contact(changed.contactId());
            data.put("status", changed.status().name());
            data.put("finalStatus", changed.finalStatus() == null ? null : changed.finalStatus().name());
            data.put("until", time(changed.until()));
            return data;
        });
        if (changed.status() == ContactStatus.FINISHED) {
            outbox.record(EventType.CONTACT_FINISHED, changed.campaignId(), changed.at(), changed.contactId(), () -> {
                Map<String, Object> data = contact(changed.contactId());
                data.put("finalStatus", changed.finalStatus() == null ? null : changed.finalStatus().name());
                return data;
            });
        }
    }

    @EventListener
    void on(CampaignStarted started) {
        campaign(started.campaignId(), "started", CampaignStatus.RUNNING);
    }

    @EventListener
    void on(CampaignPaused paused) {
        campaign(paused.campaignId(), "paused", CampaignStatus.PAUSED);
    }

    @EventListener
    void on(CampaignResumed resumed) {
        campaign(resumed.campaignId(), "resumed", CampaignStatus.RUNNING);
    }

    @EventListener
    void on(CampaignStopped stopped) {
        campaign(stopped.campaignId(), "stopped", CampaignStatus.STOPPED);
    }

    @EventListener
    void on(CampaignCompleted completed) {
        campaign(completed.campaignId(), "completed", CampaignStatus.COMPLETED);
    }

    @EventListener
    void on(ImportFinished finished) {
        outbox.record(EventType.IMPORT_FINISHED, null, finished.at() == null ? clock.instant() : finished.at(), null, () -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("importId", finished.importId());
            data.put("listId", finished.listId());
            data.put("listName", finished.listName());
            data.put("fileName", finished.fileName());
            data.put("source", finished.source());
            data.put("status", finished.status().name());
            data.put("read", finished.read());
            data.put("inserted", finished.inserted());
            data.put("updated", finished.updated());
            data.put("rejected", finished.rejected());
            data.put("message", finished.message());
            return data;
        });
    }

    private void campaign(long campaignId, String change, CampaignStatus status) {
        outbox.record(EventType.CAMPAIGN_STATE_CHANGED, campaignId, clock.instant(), null, () -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("campaignId", campaignId);
            data.put("name", campaigns.find(campaignId).map(CampaignView::name).orElse(null));
            data.put("change", change);
            data.put("status", status.name());
            return data;
        });
    }

    private static Map<String, Object> contact(long contactId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("contactId", contactId);
        data.put(CLIENT_ID, null);
        return data;
    }

    private Map<String, Object> attempt(CallAttemptSettled settled) {
        Map<String, Object> data = contact(settled.contactId());
        Optional<CallRecord> call = calls.attempt(settled.attemptId());
        data.put("attemptId", settled.attemptId());
        data.put("phone", call.map(CallRecord::number).orElse(null));
        data.put("outcome", settled.outcome().name());
        Optional<CompletionCode> code = settled.completionCode() == null
                ? Optional.of(codes.systemCode(settled.outcome())) : codes.code(settled.completionCode());
        data.put("completionCode", code.map(CompletionCode::code).orElse(settled.completionCode()));
        data.put("completionCodeName", code.map(CompletionCode::name).orElse(null));
        data.put("operator", call.map(CallRecord::operator).orElse(null));
        data.put("manual", settled.manual());
        Instant started = call.map(c -> c.originatedAt() != null ? c.originatedAt() : c.queuedAt()).orElse(null);
        Instant answered = call.map(CallRecord::answeredAt).orElse(null);
        Instant ended = call.map(CallRecord::endedAt).orElse(null);
        data.put("startedAt", time(started));
        data.put("answeredAt", time(answered));
        data.put("endedAt", time(ended));
        data.put("durationSeconds", started == null || ended == null ? null : Duration.between(started, ended).toSeconds());
        data.put("talkSeconds", answered == null || ended == null ? null : Duration.between(answered, ended).toSeconds());
        data.put("settledAt", time(settled.at()));
        return data;
    }
}
