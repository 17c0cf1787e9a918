package org.dozvon.dialing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dozvon.access.Permission;
import org.dozvon.campaigns.CampaignStatus;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.imports.ImportFailed;
import org.dozvon.web.AttentionSource;
import org.dozvon.web.LiveUpdates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dialing module's alerts (see {@link AlertKind}): read them, acknowledge them. Raised by the guards of this
 * module only. An open auto-stop alert keeps its campaign from running again ({@link AutoStopHold}).
 */
@Service
public class Alerts {

    private static final Logger log = LoggerFactory.getLogger(Alerts.class);

    /** What a detail of a failed call may keep (the attempt's detail is up to 500 characters). */
    private static final int DETAIL_LENGTH = 200;

    private final AlertStore store;
    private final Campaigns campaigns;
    private final LiveUpdates live;
    private final Clock clock;

    Alerts(AlertStore store, Campaigns campaigns, LiveUpdates live, Clock clock) {
        this.store = store;
        this.campaigns = campaigns;
        this.live = live;
        this.clock = clock;
    }

    public Optional<Alert> find(long id) {
        return store.find(id);
    }

    /**
     * Alerts newest first.
     *
     * @param openOnly   only those not acknowledged
     * @param campaignId only this campaign's, null for all
     * @param before     only those with a smaller id (the next page: the last id of this one), null from the newest
     * @param limit      at most this many (1–500)
     */
    public List<Alert> page(boolean openOnly, Long campaignId, Long before, int limit) {
        return store.page(openOnly, campaignId, null, before, Math.max(1, Math.min(500, limit)));
    }

    /** As {@link #page(boolean, Long, Long, int)}, of one kind too (null: any); at most 1001. */
    public List<Alert> page(boolean openOnly, Long campaignId, AlertKind kind, Long before, int limit) {
        return store.page(openOnly, campaignId, kind, before, Math.max(1, Math.min(1001, limit)));
    }

    /** The campaign's open auto-stop alert: while there is one, the campaign may not run. */
    public Optional<Alert> openAutoStop(long campaignId) {
        return store.openAutoStop(campaignId);
    }

    /** How many alerts are not acknowledged (cheap: a partial index). */
    public long openCount() {
        return store.openCount();
    }

    /**
     * Acknowledges an open alert in the name of a person (a supervisor with {@link Permission#CAMPAIGNS_MANAGE});
     * for an auto-stop, its campaign may run again. Recorded with who and when, and logged.
     *
     * @throws AlertNotFound            when there is no such alert
     * @throws AlertAlreadyAcknowledged when someone acknowledged it before
     */
    @Transactional
    public Alert acknowledge(long id, String username) {
        Alert alert = store.find(id).orElseThrow(() -> new AlertNotFound(id));
        if (!store.acknowledge(id, username, clock.instant())) {
            Alert current = store.find(id).orElse(alert);
            throw new AlertAlreadyAcknowledged(current);
        }
        log.info("Alert {} ({}{}) acknowledged by {}", id, alert.kind(),
                alert.campaignId() == null ? "" : ", campaign " + alert.campaignId(), username);
        refreshPagesAfterCommit();
        return store.find(id).orElseThrow();
    }

    /**
     * Pauses a running campaign and raises its auto-stop alert, in one transaction; nothing when the campaign is no
     * longer running (paused or stopped meanwhile) or already has an open auto-stop alert.
     */
    @Transactional
    Optional<Alert> autoStop(long campaignId, String node, List<FailureStreaks.Failure> run, DialingProperties.AutoStop settings) {
        Optional<CampaignView> campaign = campaigns.find(campaignId);
        if (campaign.isEmpty() || campaign.get().status() != CampaignStatus.RUNNING) {
            return Optional.empty();
        }
        Instant first = run.get(0).at();
        Instant last = run.get(run.size() - 1).at();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("campaignName", campaign.get().name());
        parameters.put("failures", run.size());
        parameters.put("withinMillis", Duration.between(first, last).toMillis());
        parameters.put("limit", settings.failures());
        parameters.put("windowSeconds", settings.window().toSeconds());
        parameters.put("attempts", run.stream().map(FailureStreaks.Failure::attemptId).toList());
        parameters.put("details", run.stream().map(failure -> shortened(failure.detail())).toList());
        Optional<Long> id = store.insertAutoStop(campaignId, node, clock.instant(), parameters);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        campaigns.pause(campaignId);
        log.warn("Auto-stop: campaign '{}' ({}) paused after {} failed calls in a row within {} ms (limit {} in {} s); alert {}"
                        + " must be acknowledged before it runs again", campaign.get().name(), campaignId, run.size(),
                Duration.between(first, last).toMillis(), settings.failures(), settings.window().toSeconds(), id.get());
        refreshPagesAfterCommit();
        return store.find(id.get());
    }

    /** The node lost its PBX connection: one alert until it is back. */
    @Transactional
    Optional<Alert> connectorDown(String node, String pbx) {
        Optional<Long> id = store.insertConnectorDown(node, clock.instant(), Map.of("pbx", pbx));
        id.ifPresent(alert -> {
            log.warn("PBX connection of dialer node '{}' lost ({}); alert {}", node, pbx, alert);
            refreshPagesAfterCommit();
        });
        return id.flatMap(store::find);
    }

    /** The node's PBX connection is back: its connector-down alert, if any, is resolved. */
    @Transactional
    Optional<Alert> connectorRestored(String node) {
        Optional<Long> id = store.resolveConnectorDown(node, clock.instant());
        id.ifPresent(alert -> {
            log.info("PBX connection of dialer node '{}' is back; alert {} resolved", node, alert);
            refreshPagesAfterCommit();
        });
        return id.flatMap(store::find);
    }

    /**
     * An operator's phone rang for a customer's call and nobody answered: one alert until that operator talks to a
     * customer again.
     */
    @Transactional
    Optional<Alert> operatorNotAnswering(long operatorId, String operatorName, long campaignId, long attemptId,
                                         Duration rang) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("operatorId", operatorId);
        parameters.put("operatorName", operatorName);
        parameters.put("campaignName", campaigns.find(campaignId).map(CampaignView::name).orElse(""));
        parameters.put("ringSeconds", rang.toSeconds());
        parameters.put("attemptId", attemptId);
        Optional<Long> id = store.insertAbout(AlertKind.OPERATOR_NOT_ANSWERING, String.valueOf(operatorId), campaignId,
                null, clock.instant(), parameters);
        id.ifPresent(alert -> {
            log.warn("Operator '{}' ({}) did not answer call {} (rang {} s); alert {}", operatorName, operatorId,
                    attemptId, rang.toSeconds(), alert);
            refreshPagesAfterCommit();
        });
        return id.flatMap(store::find);
    }

    /** The operator talks to a customer: its not-answering alert, if any, is resolved. */
    @Transactional
    Optional<Alert> operatorAnswered(long operatorId) {
        Optional<Long> id = store.resolveAbout(AlertKind.OPERATOR_NOT_ANSWERING, String.valueOf(operatorId), clock.instant());
        id.ifPresent(alert -> refreshPagesAfterCommit());
        return id.flatMap(store::find);
    }

    /** An import failed: an alert for supervisors (one per run). */
    @EventListener
    @Transactional
    public void on(ImportFailed failed) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("importId", failed.importId());
        parameters.put("listName", failed.listName());
        parameters.put("file", failed.file());
        parameters.put("message", shortened(failed.message()));
        store.insertAbout(AlertKind.IMPORT_FAILED, String.valueOf(failed.importId()), null, null, failed.at(), parameters)
                .ifPresent(alert -> refreshPagesAfterCommit());
    }

    private static String shortened(String detail) {
        String text = detail == null ? "" : detail;
        return text.length() <= DETAIL_LENGTH ? text : text.substring(0, DETAIL_LENGTH - 1) + "…";
    }

    /** Open pages load their alert banner again once the change is visible. */
    private void refreshPagesAfterCommit() {
        LiveUpdates.afterCommit(() -> live.publish(AttentionSource.LIVE_EVENT, AttentionSource.refreshHtml(),
                Permission.CAMPAIGNS_VIEW));
    }
}
