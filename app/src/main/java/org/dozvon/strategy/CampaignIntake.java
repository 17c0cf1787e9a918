package org.dozvon.strategy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.dozvon.campaigns.CampaignChanged;
import org.dozvon.campaigns.CampaignResumed;
import org.dozvon.campaigns.CampaignSettings;
import org.dozvon.campaigns.CampaignStarted;
import org.dozvon.campaigns.CampaignStatus;
import org.dozvon.campaigns.CampaignStopped;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.contacts.ContactSelection;
import org.dozvon.contacts.ContactSelections;
import org.dozvon.dialing.DialQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import static org.dozvon.strategy.ContactVariables.*;

/**
 * A running campaign's intake: one strategy process per eligible contact (business key
 * {@code campaignId:contactId}), started in batches of {@code dozvon.strategy.intake-batch} contacts per
 * transaction on a worker thread of its own, so that starting a campaign of a million contacts never
 * blocks the portal. The first walk follows the selection's order and keeps its cursor, so a crash
 * resumes where it stopped; afterwards contacts created later and taken by the selection join every
 * {@code intake-interval}. Lifecycle events wake the waiting contacts: a resumed or edited campaign's
 * contacts plan again under its current settings, a stopped campaign's contacts finish.
 */
@Component
class CampaignIntake {

    static final String WINDOW_TIMER = "Timer_Window";
    private static final Logger log = LoggerFactory.getLogger(CampaignIntake.class);

    private final Campaigns campaigns;
    private final ContactSelections selections;
    private final CampaignContacts store;
    private final DialQueue queue;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final ManagementService management;
    private final TransactionTemplate transactions;
    private final StrategyClock clock;
    private final StrategyProperties properties;
    private final ApplicationEventPublisher events;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "strategy-intake");
        thread.setDaemon(true);
        return thread;
    });

    CampaignIntake(Campaigns campaigns, ContactSelections selections, CampaignContacts store, DialQueue queue,
                   RuntimeService runtime, RepositoryService repository, ManagementService management,
                   TransactionTemplate transactions, StrategyClock clock, StrategyProperties properties,
                   ApplicationEventPublisher events) {
        this.campaigns = campaigns;
        this.selections = selections;
        this.store = store;
        this.queue = queue;
        this.runtime = runtime;
        this.repository = repository;
        this.management = management;
        this.transactions = transactions;
        this.clock = clock;
        this.properties = properties;
        this.events = events;
    }

    @ApplicationModuleListener
    void on(CampaignStarted event) {
        worker.execute(() -> guarded(event.campaignId(), () -> {
            transactions.executeWithoutResult(status -> {
                store.forgetStopped(event.campaignId());
                store.resetIntake(event.campaignId());
            });
            intake(event.campaignId());
        }));
    }

    @ApplicationModuleListener
    void on(CampaignResumed event) {
        worker.execute(() -> guarded(event.campaignId(), () -> wake(event.campaignId(), true)));
    }

    /** An edit may change calling windows: the waiting contacts plan again. A new weight changes no plan. */
    @ApplicationModuleListener
    void on(CampaignChanged event) {
        if (event.weightOnly()) {
            return;
        }
        worker.execute(() -> guarded(event.campaignId(), () -> wake(event.campaignId(), true)));
    }

    @ApplicationModuleListener
    void on(CampaignStopped event) {
        worker.execute(() -> guarded(event.campaignId(), () -> {
            int cancelled = transactions.execute(status -> queue.cancelQueued(event.campaignId(), clock.now()));
            log.info("Campaign {} stopped: {} queued dial requests cancelled", event.campaignId(), cancelled);
            wake(event.campaignId(), false);
        }));
    }

    /** Takes newly eligible contacts of running campaigns and completes finite campaigns that are done. */
    @Scheduled(initialDelayString = "${dozvon.strategy.intake-interval}", fixedDelayString = "${dozvon.strategy.intake-interval}")
    void sweep() {
        for (CampaignView campaign : campaigns.running()) {
            worker.execute(() -> guarded(campaign.id(), () -> {
                intake(campaign.id());
                completeIfDone(campaign.id());
            }));
        }
    }

    /** Runs the intake to its end (for now); answers how many processes it started. */
    long intake(long campaignId) {
        long started = 0;
        Batch batch;
        do {
            batch = transactions.execute(status -> batch(campaignId));
            started += batch.started();
        } while (batch.more());
        if (started > 0) {
            log.info("Campaign {}: {} contacts taken", campaignId, started);
        }
        return started;
    }

    private Batch batch(long campaignId) {
        Optional<CampaignView> found = campaigns.find(campaignId);
        if (found.isEmpty() || found.get().status() != CampaignStatus.RUNNING) {
            return Batch.NONE;
        }
        CampaignView campaign = found.get();
        Optional<CampaignContacts.Intake> locked = store.lockIntake(campaignId, clock.now());
        if (locked.isEmpty()) {
            return Batch.NONE;
        }
        Optional<ProcessDefinition> definition = definition(campaign.settings());
        if (definition.isEmpty()) {
            log.error("Campaign {} ('{}') cannot take contacts: strategy '{}'{} is not deployed", campaignId,
                    campaign.name(), campaign.settings().strategyKey(),
                    campaign.settings().strategyVersion() == null ? "" : " version " + campaign.settings().strategyVersion());
            return Batch.NONE;
        }
        CampaignContacts.Intake intake = locked.get();
        int size = properties.intakeBatch();
        ContactSelection selection = campaign.selection();
        if (!intake.walked()) {
            long last = intake.cursor() == null && intake.started() == 0
                    ? store.maxContactId(selection.listIds()) : intake.lastContactId();
            ContactSelection.Page page = selections.eligible(selection,
                    intake.cursor() == null ? null : ContactSelection.Cursor.decode(intake.cursor()), size);
            int started = start(campaign, definition.get(), page.contactIds());
            store.saveIntake(campaignId, last, page.next() == null ? null : page.next().encode(), page.next() == null,
                    started, clock.now());
            return new Batch(started, page.next() != null);
        }
        ContactSelection newest = new ContactSelection(selection.listIds(), ContactSelection.ListOrder.ANY_ORDER,
                selection.filter(), selection.percent(), ContactSelection.Ordering.OLDEST_FIRST, selection.dncListIds(),
                selection.zone());
        ContactSelection.Page page = selections.eligible(newest, new ContactSelection.Cursor(0, intake.lastContactId(), null), size);
        int started = start(campaign, definition.get(), page.contactIds());
        long last = page.contactIds().stream().mapToLong(Long::longValue).max().orElse(intake.lastContactId());
        store.saveIntake(campaignId, last, null, true, started, clock.now());
        return new Batch(started, page.next() != null);
    }

    /**
     * Claims the contacts not claimed before and starts their processes; each claimed contact is ACTIVE in the
     * campaign ({@link ContactStatusChanged}, published in the batch's transaction).
     */
    private int start(CampaignView campaign, ProcessDefinition definition, List<Long> contactIds) {
        Instant now = clock.now();
        List<Long> claimed = store.claim(campaign.id(), contactIds, now);
        Map<Long, String> instances = new HashMap<>();
        for (long contactId : claimed) {
            events.publishEvent(new ContactStatusChanged(campaign.id(), contactId, ContactStatus.ACTIVE, null, null, now));
            Map<String, Object> variables = new HashMap<>();
            variables.put(CAMPAIGN_ID, campaign.id());
            variables.put(CONTACT_ID, contactId);
            instances.put(contactId, runtime.startProcessInstanceById(definition.getId(),
                    businessKey(campaign.id(), contactId), variables).getProcessInstanceId());
        }
        store.started(campaign.id(), instances);
        return claimed.size();
    }

    /** The strategy's pinned version, or its latest. */
    Optional<ProcessDefinition> definition(CampaignSettings settings) {
        if (settings.strategyKey() == null) {
            return Optional.empty();
        }
        var query = repository.createProcessDefinitionQuery().processDefinitionKey(settings.strategyKey());
        return Optional.ofNullable(settings.strategyVersion() == null ? query.latestVersion().singleResult()
                : query.processDefinitionVersion(settings.strategyVersion()).singleResult());
    }

    /**
     * Fires the timers of a campaign's open contacts now: only the calling-window timers (the contacts plan
     * again under the campaign's current settings), or all of them (a stopped campaign: the outcome waits
     * end too, their requests being cancelled).
     */
    void wake(long campaignId, boolean windowsOnly) {
        List<String> instances = store.openProcesses(campaignId,
                EnumSet.of(CampaignContacts.State.WAITING, CampaignContacts.State.QUEUED));
        Instant now = clock.now();
        int woken = 0;
        for (String instance : instances) {
            var query = management.createJobQuery().processInstanceId(instance).timers();
            if (windowsOnly) {
                query.activityId(WINDOW_TIMER);
            }
            for (Job job : query.list()) {
                if (job.getDuedate() == null || job.getDuedate().toInstant().isAfter(now)) {
                    management.setJobDuedate(job.getId(), java.util.Date.from(now));
                    woken++;
                }
            }
        }
        log.info("Campaign {}: {} waiting contacts woken to plan again", campaignId, woken);
    }

    private void completeIfDone(long campaignId) {
        campaigns.find(campaignId).ifPresent(campaign -> {
            if (campaign.status() == CampaignStatus.RUNNING && !campaign.settings().endless()
                    && transactions.execute(status -> store.lockIntake(campaignId, clock.now())
                            .map(CampaignContacts.Intake::walked).orElse(false) && !store.anyOpen(campaignId))) {
                campaigns.complete(campaignId);
                log.info("Campaign {} ('{}') completed: every contact is done", campaignId, campaign.name());
            }
        });
    }

    private static void guarded(long campaignId, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.error("Campaign {}: strategy intake failed", campaignId, e);
        }
    }

    @PreDestroy
    void close() {
        worker.shutdownNow();
    }

    private record Batch(int started, boolean more) {
        static final Batch NONE = new Batch(0, false);
    }
}
