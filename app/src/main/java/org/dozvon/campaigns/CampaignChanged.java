package org.dozvon.campaigns;

/**
 * A campaign's settings were edited (whatever its status); {@code revision} is its new revision. Read the
 * campaign again through {@link Campaigns#find}; see {@link Campaigns} for what listeners may rely on.
 */
public record CampaignChanged(long campaignId, long revision) {
}
