package org.dozvon.agents;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * An operator and its state.
 *
 * @param userId        the user who logs in as this operator; null: none (a bot, or not linked yet)
 * @param endpoint      what the PBX dials to ring its phone, e.g. {@code PJSIP/101}
 * @param wrapUpSeconds its own wrap-up time; null: the campaign's
 * @param bot           a simulated operator worked by Dozvon itself (dozvon.agents.bots)
 * @param skills        skill id → level 1–100
 * @param stateUntil    PREVIEW: when the call is placed; WRAP_UP: when the wrap-up time runs out
 * @param campaignId    the campaign it works for now
 * @param attemptId     the call it holds
 * @param afterCall     the state it goes to after the current call (a pause or logging out asked meanwhile)
 * @param pauseReason   why it is (or will be) not ready, one of {@code dozvon.agents.pause-reasons}
 * @param autoAnswer    its phone answers calls Dozvon connects to it by itself
 * @param handedOver    WRAP_UP of its own part of a call it transferred to another operator (who decides the outcome)
 * @param campaigns     its pool: the campaigns it may work; empty: any campaign it qualifies for
 * @param pinnedCampaignId the campaign a supervisor moved it to ({@link Operators#moveTo}); null: routed as usual
 */
public record OperatorView(long id, String name, Long userId, String endpoint, Integer wrapUpSeconds, boolean bot,
                           Map<Long, Integer> skills, OperatorState state, Instant stateSince, Instant stateUntil,
                           Long campaignId, Long attemptId, OperatorState afterCall,
                           String pauseReason, boolean autoAnswer, boolean handedOver, Set<Long> campaigns,
                           Long pinnedCampaignId) {

    public OperatorView {
        skills = Map.copyOf(skills);
        campaigns = campaigns == null ? Set.of() : java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(campaigns));
    }

    /** An operator in no pool and not moved by a supervisor. */
    public OperatorView(long id, String name, Long userId, String endpoint, Integer wrapUpSeconds, boolean bot,
                        Map<Long, Integer> skills, OperatorState state, Instant stateSince, Instant stateUntil,
                        Long campaignId, Long attemptId, OperatorState afterCall, String pauseReason, boolean autoAnswer,
                        boolean handedOver) {
        this(id, name, userId, endpoint, wrapUpSeconds, bot, skills, state, stateSince, stateUntil, campaignId, attemptId,
                afterCall, pauseReason, autoAnswer, handedOver, Set.of(), null);
    }
}
