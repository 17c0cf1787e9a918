package org.dozvon.campaigns;

/**
 * A campaign was completed. Published in the transaction that changed its status, after the change; see
 * {@link Campaigns} for what listeners may rely on.
 */
public record CampaignCompleted(long campaignId) {
}
