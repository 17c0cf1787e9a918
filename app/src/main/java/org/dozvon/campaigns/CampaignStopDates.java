package org.dozvon.campaigns;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Completes running and paused campaigns whose stop date has come, within 30 seconds of it. */
@Component
class CampaignStopDates {

    private final Campaigns campaigns;

    CampaignStopDates(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    @Scheduled(fixedDelay = 30_000, initialDelay = 30_000)
    void completeDue() {
        campaigns.completePastStopDate();
    }
}
