package org.dozvon.dialing;

/**
 * Decides how many new calls one campaign dials now. The dialer keeps one pacer per running campaign and asks it
 * on its own thread, once per tick, with non-decreasing {@link CampaignLines#now()}, so a pacer may keep state
 * between decisions (a predictive pacer's estimates). The dialer never dials more than
 * {@link CampaignLines#freeLines()}, whatever the answer.
 */
@FunctionalInterface
public interface CampaignPacer {

    /** How many requests to dial now (0 or more). */
    int dials(CampaignLines lines);

    /** Agentless (and progressive without operators): every free line dials. */
    static CampaignPacer agentless() {
        return CampaignLines::freeLines;
    }
}
