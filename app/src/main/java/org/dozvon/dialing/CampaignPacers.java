package org.dozvon.dialing;

import org.dozvon.campaigns.CampaignView;

/**
 * Chooses the pacer of a campaign when it starts dialing (and again after its dialing settings,
 * {@code CampaignView.settings().dialing()}, change). The default
 * gives every campaign {@link CampaignPacer#agentless()}; the pacers with operators (preview, progressive,
 * predictive) plug in here.
 */
@FunctionalInterface
public interface CampaignPacers {

    CampaignPacer pacerFor(CampaignView campaign);
}
