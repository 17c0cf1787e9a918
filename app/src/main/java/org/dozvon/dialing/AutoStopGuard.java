package org.dozvon.dialing;

import java.util.List;

import org.dozvon.campaigns.CampaignResumed;
import org.dozvon.campaigns.CampaignStarted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Auto-stop: counts each campaign's failed calls in a row as the dialers of this instance end them
 * ({@link CallAttemptEnded}) and, when {@link DialingProperties.AutoStop} says so, pauses the campaign and raises
 * its alert ({@link Alerts}). The runs live in this instance's memory: with several instances each counts the calls
 * its own dialer ended (a campaign's calls are spread over them, so a failing trunk trips each soon enough).
 */
@Component
class AutoStopGuard {

    private static final Logger log = LoggerFactory.getLogger(AutoStopGuard.class);

    private final FailureStreaks streaks;
    private final DialingProperties properties;
    private final Alerts alerts;
    private final Dialer dialer;

    AutoStopGuard(DialingProperties properties, Alerts alerts, Dialer dialer) {
        this.properties = properties;
        this.alerts = alerts;
        this.dialer = dialer;
        this.streaks = new FailureStreaks(properties.autoStop().failures(), properties.autoStop().window());
    }

    /** On the dialer's event thread: counting is in memory; a trip is one short transaction, once per run. */
    @EventListener
    void ended(CallAttemptEnded ended) {
        streaks.ended(ended.campaignId(), ended.attemptId(), ended.outcome(), ended.at(), ended.detail())
                .ifPresent(run -> trip(ended.campaignId(), run));
    }

    /** A campaign running again starts from nothing: failures before its pause do not count. */
    @EventListener
    void resumed(CampaignResumed resumed) {
        streaks.forget(resumed.campaignId());
    }

    @EventListener
    void started(CampaignStarted started) {
        streaks.forget(started.campaignId());
    }

    private void trip(long campaignId, List<FailureStreaks.Failure> run) {
        try {
            alerts.autoStop(campaignId, dialer.node(), run, properties.autoStop());
        } catch (RuntimeException e) {
            // the campaign changed meanwhile (paused, stopped by someone): nothing to pause
            log.info("Auto-stop of campaign {} not applied: {}", campaignId, e.toString());
        }
    }

    /** The failures the campaign's current run holds (for tests). */
    int currentRun(long campaignId) {
        return streaks.current(campaignId);
    }
}
