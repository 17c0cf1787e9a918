package org.dozvon.campaigns;

import java.util.List;

import org.dozvon.Violation;

/**
 * Something that keeps a campaign from running again until a person has dealt with it — the dialing module's
 * auto-stop alert, which a supervisor must acknowledge. Implemented by other modules (campaigns does not depend
 * on them), asked by {@link Campaigns#resume} and {@link Campaigns#start}: any violation refuses the move, with the
 * violation's message shown to the user.
 */
public interface CampaignHolds {

    /**
     * Why the campaign must not go back to RUNNING now; empty when nothing holds it. Called inside the transaction
     * that has locked the campaign's row; it must not change the campaign.
     */
    List<Violation> holds(long campaignId);
}
