package org.dozvon.campaigns;

/**
 * A campaign was resumed. Published in the transaction that changed its status, after the change; see
 * {@link Campaigns} for what listeners may rely on.
 */
public record CampaignResumed(long campaignId) {
}
