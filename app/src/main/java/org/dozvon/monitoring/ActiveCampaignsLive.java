package org.dozvon.monitoring;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;

import org.dozvon.access.Permission;
import org.dozvon.agents.OperatorStateChanged;
import org.dozvon.campaigns.CampaignChanged;
import org.dozvon.campaigns.CampaignCompleted;
import org.dozvon.campaigns.CampaignPaused;
import org.dozvon.campaigns.CampaignResumed;
import org.dozvon.campaigns.CampaignStarted;
import org.dozvon.campaigns.CampaignStatus;
import org.dozvon.campaigns.CampaignStopped;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.web.LiveUpdates;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tells open active-campaigns pages (they watch the topic {@value #TOPIC}) to load their blocks again (SSE event
 * {@value #EVENT}, to holders of {@code MONITORING_VIEW}); with no such page open, nothing is sent or read: when an operator's state or campaign changes ({@link OperatorStateChanged}) and when a
 * campaign starts, pauses, resumes, stops, completes or is edited — once the change is committed, at most once per
 * {@value #INTERVAL_MILLIS} ms however many changes come (the page reads everything afresh anyway). While campaigns
 * run, also every {@value #HEARTBEAT_MILLIS} ms, so that progress and callbacks move along when no operator does
 * (agentless campaigns). The page renders the blocks in the user's own request (language, permissions).
 */
@Component
class ActiveCampaignsLive {

    /** The SSE event the page listens to with {@code sse-swap}. */
    static final String EVENT = "active-campaigns";
    /** The live topic the page watches ({@code /live?watch=...}). */
    static final String TOPIC = "active-campaigns";
    static final long INTERVAL_MILLIS = 500;
    static final long HEARTBEAT_MILLIS = 5000;
    static final String NUDGE = "<div hx-get=\"/monitoring/campaigns/live\" hx-trigger=\"load\""
            + " hx-target=\"#active-campaigns\" hx-swap=\"outerHTML\"></div>";

    private final LiveUpdates live;
    private final Campaigns campaigns;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long lastSent = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "active-campaigns-live");
        thread.setDaemon(true);
        return thread;
    });

    ActiveCampaignsLive(LiveUpdates live, Campaigns campaigns) {
        this.live = live;
        this.campaigns = campaigns;
    }

    @EventListener
    void on(OperatorStateChanged changed) {
        changed();
    }

    @EventListener({CampaignStarted.class, CampaignPaused.class, CampaignResumed.class, CampaignStopped.class,
            CampaignCompleted.class, CampaignChanged.class})
    void onCampaign() {
        LiveUpdates.afterCommit(this::changed);
    }

    /** Progress and callbacks change without events: while campaigns run and pages are open, look again now and then. */
    @Scheduled(fixedDelay = HEARTBEAT_MILLIS, initialDelay = HEARTBEAT_MILLIS)
    void heartbeat() {
        if (live.watching(TOPIC) > 0 && !campaigns.withStatus(CampaignStatus.RUNNING).isEmpty()) {
            changed();
        }
    }

    /** Sends the nudge at once if none went out in the last interval, else once the interval is over. */
    void changed() {
        if (live.watching(TOPIC) > 0 && pending.compareAndSet(false, true)) {
            long wait = lastSent + TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS) - System.nanoTime();
            try {
                timer.schedule(this::send, Math.max(0, wait), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                pending.set(false);
            }
        }
    }

    private void send() {
        pending.set(false);
        lastSent = System.nanoTime();
        live.publishToWatchers(TOPIC, EVENT, NUDGE, Permission.MONITORING_VIEW);
    }


    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
