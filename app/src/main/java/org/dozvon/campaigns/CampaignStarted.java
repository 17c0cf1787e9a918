package org.dozvon.campaigns;

/**
 * A campaign was started. Published in the transaction that changed its status, after the change; see
 * {@link Campaigns} for what listeners may rely on.
 */
public record CampaignStarted(long campaignId) {
}
