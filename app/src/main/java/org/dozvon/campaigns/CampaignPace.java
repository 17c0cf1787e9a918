package org.dozvon.campaigns;

import java.util.List;

import org.dozvon.Violation;

import org.springframework.stereotype.Service;

/** Changes how fast a campaign dials while it runs: the supervisor's console's lines and abandon target. */
@Service
public class CampaignPace {

    private final CampaignStore store;
    private final CampaignEditor editor;

    CampaignPace(CampaignStore store, CampaignEditor editor) {
        this.store = store;
        this.editor = editor;
    }

    /**
     * Changes the pace of a campaign, running or not: its lines per operator (1–5) and abandon target (0–10 %),
     * checked as the campaign form checks them; publishes {@link CampaignChanged}, so the dialer takes the new pace
     * at its next tick.
     *
     * @return the problems; empty when saved
     * @throws CampaignNotFoundException when there is no such campaign
     */
    public List<Violation> change(long id, double linesPerOperator, double abandonTarget) {
        CampaignView campaign = store.find(id).orElseThrow(() -> new CampaignNotFoundException(id));
        CampaignSettings changed = campaign.settings()
                .withDialing(campaign.settings().dialing().withPace(linesPerOperator, abandonTarget));
        return editor.update(id, changed, campaign.revision()).violations();
    }
}
