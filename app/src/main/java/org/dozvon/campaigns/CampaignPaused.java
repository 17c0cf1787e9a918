package org.dozvon.campaigns;

/**
 * A campaign was paused. Published in the transaction that changed its status, after the change; see
 * {@link Campaigns} for what listeners may rely on.
 */
public record CampaignPaused(long campaignId) {
}
