package org.dozvon.dialing;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.dozvon.Violation;
import org.dozvon.campaigns.CampaignHolds;

import org.springframework.stereotype.Component;

/** A campaign with an open auto-stop alert may not resume nor start until someone acknowledges the alert. */
@Component
class AutoStopHold implements CampaignHolds {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");

    private final AlertStore store;

    AutoStopHold(AlertStore store) {
        this.store = store;
    }

    @Override
    public List<Violation> holds(long campaignId) {
        return store.openAutoStop(campaignId)
                .map(alert -> List.of(new Violation("alert", "alerts.hold", String.valueOf(alert.id()),
                        TIME.format(alert.raisedAt().atZone(ZoneId.systemDefault())), (long) alert.number("failures"))))
                .orElse(List.of());
    }
}
