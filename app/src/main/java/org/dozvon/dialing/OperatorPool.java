package org.dozvon.dialing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The operators the dialer gives calls to, as the module that keeps operators stores them (implemented by
 * {@code agents}, which depends on dialing for call control). Every change is conditional on the state the
 * dialer saw, so an operator is never given two calls, even by two Dozvon instances sharing the database.
 */
public interface OperatorPool {

    /** Operators at work: logged in and not paused (READY or holding a call). */
    List<Seat> working();

    /** Sends a READY operator who holds no call to a campaign (null: to none); false if it is not READY any more. */
    boolean assign(long operatorId, Long campaignId);

    /**
     * Gives a READY operator a call: PREVIEW (the card is shown, the call is placed at {@code until} or sooner) or
     * RINGING (the call is being connected to the operator).
     *
     * @return false when the operator is not READY any more (another call, a pause, another node was faster)
     */
    boolean reserve(long operatorId, long campaignId, long attemptId, SeatState state, Instant until);

    /** The call held in PREVIEW is being placed: PREVIEW → RINGING. */
    void placing(long attemptId);

    /** The call reached its operator: → IN_CALL. */
    void bridged(long attemptId);

    /**
     * The call is over: an operator who talked on it goes to WRAP_UP until {@code wrapUpUntil}; one who never
     * reached the person (preview skipped, not answered, abandoned) is READY again.
     *
     * @param talked whether the operator was bridged to the person
     */
    void released(long attemptId, boolean talked, Instant wrapUpUntil);

    // ---------------------------------------------------------------- call controls (CallControl)

    /** The operator holding a call (its current operator, not one that handed it over), if any. */
    default java.util.Optional<Seat> holder(long attemptId) {
        throw new UnsupportedOperationException();
    }

    /**
     * Transfer: the IN_CALL operator of a call hands it over and wraps up its own part until {@code wrapUpUntil}
     * (WRAP_UP, still showing the call, whose outcome is no longer its to decide).
     *
     * @return false when no operator holds the call IN_CALL
     */
    default boolean handOver(long attemptId, Instant wrapUpUntil) {
        throw new UnsupportedOperationException();
    }

    /**
     * Manual dial: gives a logged-in operator holding no call (READY or NOT_READY) a call placed outside the queue,
     * as RINGING; a NOT_READY operator is not ready again after the call.
     *
     * @return false when the operator is not free (holds a call, is offline) any more
     */
    default boolean reserveOutsideQueue(long operatorId, long campaignId, long attemptId) {
        throw new UnsupportedOperationException();
    }

    /**
     * A logged-in operator that holds no call, READY or NOT_READY (manual dial works from both); its seat reads
     * READY either way.
     */
    default java.util.Optional<Seat> free(long operatorId) {
        throw new UnsupportedOperationException();
    }

    /** The operator a user works as (personal callbacks name their operator by user name), if any. */
    default java.util.Optional<Long> operatorOfUser(String userName) {
        return java.util.Optional.empty();
    }

    /** Whether the operator's phone should answer calls Dozvon connects to it by itself. */
    default boolean autoAnswer(long operatorId) {
        return false;
    }

    /** An operator's state as far as dialing cares. */
    enum SeatState { READY, PREVIEW, RINGING, IN_CALL, WRAP_UP }

    /**
     * One operator at work.
     *
     * @param endpoint          what the PBX dials to ring the operator, e.g. {@code PJSIP/101}
     * @param since             when it entered its state
     * @param until             PREVIEW: when the call is placed; WRAP_UP: when the wrap-up time runs out; otherwise null
     * @param campaignId        the campaign it works for; null: not assigned yet
     * @param attemptId         the call it holds (PREVIEW, RINGING, IN_CALL, WRAP_UP)
     * @param skills            skill id → level (1–100)
     * @param wrapUpSeconds     its own wrap-up time; null: the campaign's
     * @param leavesAfterCall   it asked for a pause or to log out after the current call
     * @param campaigns         its pool: the campaigns it may work; empty: any campaign it qualifies for
     * @param pinnedCampaignId  a supervisor moved it to this campaign: it works there while the campaign runs with
     *                          operators and it qualifies, whatever weights, minimums, maximums and its pool say;
     *                          null: routed as usual
     */
    record Seat(long operatorId, String name, String endpoint, SeatState state, Instant since, Instant until,
                Long campaignId, Long attemptId, Map<Long, Integer> skills, Integer wrapUpSeconds,
                boolean leavesAfterCall, java.util.Set<Long> campaigns, Long pinnedCampaignId) {

        public Seat {
            skills = Map.copyOf(skills);
            campaigns = campaigns == null ? java.util.Set.of() : java.util.Set.copyOf(campaigns);
        }

        /** An operator in no pool (any campaign) and not moved by a supervisor. */
        public Seat(long operatorId, String name, String endpoint, SeatState state, Instant since, Instant until,
                    Long campaignId, Long attemptId, Map<Long, Integer> skills, Integer wrapUpSeconds,
                    boolean leavesAfterCall) {
            this(operatorId, name, endpoint, state, since, until, campaignId, attemptId, skills, wrapUpSeconds,
                    leavesAfterCall, java.util.Set.of(), null);
        }

        /** Whether it may serve a campaign asking for this skill (null: any) at this level or above. */
        public boolean qualifiesFor(Long skillId, int minLevel) {
            return skillId == null || skills.getOrDefault(skillId, 0) >= minLevel;
        }

        /** Whether its pool lets it work this campaign (an empty pool: any campaign). */
        public boolean inPool(long campaignId) {
            return campaigns.isEmpty() || campaigns.contains(campaignId);
        }

        /** The same seat working for another campaign (null: none). */
        public Seat assignedTo(Long campaign) {
            return new Seat(operatorId, name, endpoint, state, since, until, campaign, attemptId, skills, wrapUpSeconds,
                    leavesAfterCall, campaigns, pinnedCampaignId);
        }
    }
}
