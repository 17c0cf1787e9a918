package org.dozvon.monitoring;

import java.util.Map;

import org.dozvon.access.Audit;
import org.dozvon.access.DozvonUser;
import org.dozvon.agents.OperatorNotFound;
import org.dozvon.agents.OperatorState;
import org.dozvon.agents.OperatorView;
import org.dozvon.agents.Operators;
import org.dozvon.campaigns.CampaignNotFoundException;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A supervisor's actions on the active campaigns page, each with its audit record in the same transaction. The
 * campaigns' lifecycle and the operators' states are changed from other places too (the campaign pages, the API, the
 * guards, the workplace), so the person's action is recorded here rather than inside those modules.
 */
@Service
class ActiveCampaignActions {

    private final Campaigns campaigns;
    private final Operators operators;
    private final Audit audit;

    ActiveCampaignActions(Campaigns campaigns, Operators operators, Audit audit) {
        this.campaigns = campaigns;
        this.operators = operators;
        this.audit = audit;
    }

    /** Pause, resume or stop ({@code campaign.pause}, {@code campaign.resume}, {@code campaign.stop}). */
    @Transactional
    CampaignView lifecycle(long campaignId, String action, DozvonUser by) {
        CampaignView before = campaigns.find(campaignId).orElseThrow(() -> new CampaignNotFoundException(campaignId));
        CampaignView after = switch (action) {
            case "pause" -> campaigns.pause(campaignId);
            case "resume" -> campaigns.resume(campaignId);
            case "stop" -> campaigns.stop(campaignId);
            default -> throw new IllegalArgumentException("no campaign action " + action);
        };
        audit.record(by, "campaign." + action, "campaign", campaignId, Map.of("status", before.status().name()),
                Map.of("status", after.status().name()));
        return after;
    }

    /** A new weight ({@code campaign.weight}); the same weight again records nothing. */
    @Transactional
    CampaignView weight(long campaignId, int weight, DozvonUser by) {
        CampaignView before = campaigns.find(campaignId).orElseThrow(() -> new CampaignNotFoundException(campaignId));
        CampaignView after = campaigns.changeWeight(campaignId, weight);
        if (after.settings().weight() != before.settings().weight()) {
            audit.record(by, "campaign.weight", "campaign", campaignId, Map.of("weight", before.settings().weight()),
                    Map.of("weight", after.settings().weight()));
        }
        return after;
    }

    /** Ready, Not ready or Log out, after the call for an operator holding one ({@code operator.state}). */
    @Transactional
    Operators.StateChange state(long operatorId, OperatorState state, DozvonUser by) {
        OperatorView before = operators.operator(operatorId).orElseThrow(() -> new OperatorNotFound(operatorId));
        Operators.StateChange change = operators.changeState(operatorId, state);
        if (change != Operators.StateChange.NO_PHONE) {
            audit.record(by, "operator.state", "operator", operatorId, Map.of("state", before.state().name()),
                    Map.of("state", state.name(), "effective", change.name()));
        }
        return change;
    }
}
