package org.dozvon.campaigns;

/**
 * A campaign's settings were edited (whatever its status); {@code revision} is its new revision. Read the
 * campaign again through {@link Campaigns#find}; see {@link Campaigns} for what listeners may rely on.
 *
 * @param weightOnly only the weight changed ({@link Campaigns#changeWeight}, e.g. from the active campaigns page): how
 *                   lines and free operators are shared among running campaigns, nothing about when or how its
 *                   contacts are called, so their plans need not be made again
 */
public record CampaignChanged(long campaignId, long revision, boolean weightOnly) {

    /** An edit of any settings. */
    public CampaignChanged(long campaignId, long revision) {
        this(campaignId, revision, false);
    }
}
