package org.dozvon.dialing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a campaign's pacer sees at one moment: the campaign's calls in progress (on every node sharing the
 * database), its operators and how many lines it may hold.
 *
 * @param campaignId  the campaign
 * @param now         the dialer's clock
 * @param lineLimit   how many calls the campaign may have at once: its maximum lines, further limited by the
 *                    connectors' free capacity
 * @param calls       its calls in progress
 * @param dueRequests how many of its requests are due now (an upper bound of what can be dialled)
 * @param operators   the operators working for it (ready or holding one of its calls); empty for agentless
 */
public record CampaignLines(long campaignId, Instant now, int lineLimit, List<LiveCall> calls, int dueRequests,
                            List<OperatorPool.Seat> operators) {

    public CampaignLines {
        calls = List.copyOf(calls);
        operators = List.copyOf(operators);
    }

    /** Lines the campaign may still fill, never negative. */
    public int freeLines() {
        return Math.max(0, lineLimit - calls.size());
    }

    /**
     * One call in progress.
     *
     * @param originatedAt when the originate was sent (null: being sent, or a preview not placed yet)
     * @param answeredAt   when the customer answered, or null
     * @param waitingAt    when the person started waiting for an operator (the answer, or machine detection's
     *                     "human"), or null
     * @param bridgedAt    when it reached an operator, or null
     */
    public record LiveCall(Instant originatedAt, Instant answeredAt, Instant waitingAt, Instant bridgedAt) {

        public Stage stage() {
            return bridgedAt != null ? Stage.TALKING : waitingAt != null ? Stage.WAITING
                    : answeredAt != null ? Stage.ANSWERED : Stage.DIALING;
        }

        /** How long ago it was dialled, relative to {@code now}. */
        public Duration sinceDial(Instant now) {
            return originatedAt == null ? Duration.ZERO : Duration.between(originatedAt, now);
        }
    }

    public enum Stage { DIALING, ANSWERED, WAITING, TALKING }
}
