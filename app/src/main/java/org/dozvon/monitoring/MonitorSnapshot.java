package org.dozvon.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.dozvon.agents.OperatorState;
import org.dozvon.agents.OperatorView;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.dialing.Alert;
import org.dozvon.dialing.CallFigures;
import org.dozvon.strategy.CampaignProgress;
import org.dozvon.telephony.DeviceState;

/**
 * What the monitor shows, as of one moment: its three blocks. Each block is a value, so the feed tells a changed
 * block by comparing it with the last one.
 */
record MonitorSnapshot(Instant at, Operators operators, Campaigns campaigns, Alerts alerts) {

    /** Operators logged in, by name. */
    record Operators(List<OperatorRow> rows) {

        public long count(OperatorState state) {
            return rows.stream().filter(row -> row.operator().state() == state).count();
        }
    }

    /**
     * @param campaignName the campaign it works for now, null for none
     * @param contactId    the contact of the call it holds, null for none
     * @param number       the number of that call (as stored: the page masks it for the viewer)
     * @param today        its calls of the day
     * @param phone        its phone's state on the PBX, null when unknown (no phone, or the PBX has not told)
     */
    record OperatorRow(OperatorView operator, String campaignName, Long contactId, String number,
                       CallFigures.OperatorCalls today, DeviceState phone) {
    }

    /** Running and paused campaigns, by name. */
    record Campaigns(List<CampaignRow> rows) {
    }

    /**
     * @param operators its operators now by state
     */
    record CampaignRow(CampaignView campaign, CallFigures.CampaignCalls calls, CampaignProgress.Figures progress,
                       Map<OperatorState, Integer> operators) {

        public int operatorCount() {
            return operators.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** The newest open alerts, and how many are open. */
    record Alerts(List<Alert> open, long openCount) {
    }
}
