package org.dozvon.campaigns;

import java.util.Objects;

/**
 * How a campaign dials and which operators it takes.
 *
 * @param mode             preview, progressive, predictive or agentless
 * @param linesPerOperator progressive: the lines each free operator starts with (1–5); the pacer adapts it to the
 *                         measured hit rate, never below 1
 * @param abandonTarget    predictive: the highest share of answered persons left without an operator within 2 s,
 *                         in percent (default 3)
 * @param previewSeconds   preview: how long the operator sees the card before the call is placed (0–600)
 * @param detectMachine    answering-machine detection; null: the installation's default ({@code dozvon.dialing.detect-machine})
 * @param skillId          the skill its operators need; null: any operator
 * @param minSkillLevel    the lowest level of that skill (1–100)
 * @param minOperators     operators it keeps before any other campaign gets one; null: none
 * @param maxOperators     operators it takes at most; null: no limit
 * @param wrapUpSeconds    how long operators have for the wrap-up after a call (an operator's own time overrides it)
 * @param defaultCode      the completion code a wrap-up gets when its time runs out (one of the campaign's group);
 *                         null: the answered call's system code
 */
public record CampaignDialing(DialingMode mode, double linesPerOperator, double abandonTarget, int previewSeconds,
                              Boolean detectMachine, Long skillId, int minSkillLevel, Integer minOperators,
                              Integer maxOperators, int wrapUpSeconds, String defaultCode) {

    /** What a new campaign starts with: agentless, 1 line per operator, 3 % abandons, 30 s preview and wrap-up. */
    public static final CampaignDialing DEFAULT = new CampaignDialing(DialingMode.AGENTLESS, 1, 3, 30, null, null, 1,
            null, null, 30, null);

    public CampaignDialing {
        Objects.requireNonNull(mode, "mode");
    }

    /** These settings with another pace: lines per operator and abandon target. */
    public CampaignDialing withPace(double newLinesPerOperator, double newAbandonTarget) {
        return new CampaignDialing(mode, newLinesPerOperator, newAbandonTarget, previewSeconds, detectMachine, skillId,
                minSkillLevel, minOperators, maxOperators, wrapUpSeconds, defaultCode);
    }

    /** These settings in another mode. */
    public CampaignDialing withMode(DialingMode newMode) {
        return new CampaignDialing(newMode, linesPerOperator, abandonTarget, previewSeconds, detectMachine, skillId,
                minSkillLevel, minOperators, maxOperators, wrapUpSeconds, defaultCode);
    }
}
