package org.dozvon.reporting;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

import org.dozvon.access.Permission;
import org.dozvon.dialing.CallAttemptEnded;
import org.dozvon.web.LiveUpdates;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tells open dashboards to redraw when calls have ended: the SSE event {@code dashboard-tick} to users who may see
 * dashboards, at most once per {@code dozvon.reporting.live-interval}, and only when some call ended since the last
 * one. The dialer's event only sets a flag (its thread must not wait on browsers); the scheduler sends.
 */
@Component
class DashboardTicks {

    static final String EVENT = "dashboard-tick";

    private final AtomicBoolean callsEnded = new AtomicBoolean();
    private final LiveUpdates live;
    private final Clock clock;

    DashboardTicks(LiveUpdates live, Clock clock) {
        this.live = live;
        this.clock = clock;
    }

    /**
     * A plain listener: the dialer publishes outside any transaction, where a transactional (module) listener would
     * never hear it.
     */
    @EventListener
    void ended(CallAttemptEnded ended) {
        callsEnded.set(true);
    }

    @Scheduled(fixedDelayString = "${dozvon.reporting.live-interval:3s}",
            initialDelayString = "${dozvon.reporting.live-interval:3s}")
    void tick() {
        if (callsEnded.getAndSet(false) && live.connections() > 0) {
            live.publish(EVENT, "<time>" + clock.instant() + "</time>", Permission.MONITORING_VIEW);
        }
    }
}
