package org.dozvon.campaigns;

/**
 * A campaign was stopped. Published in the transaction that changed its status, after the change; see
 * {@link Campaigns} for what listeners may rely on.
 */
public record CampaignStopped(long campaignId) {
}
