package org.dozvon.dialing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a campaign's pacer sees at one moment: the campaign's calls in progress (on every node sharing the
 * database) and how many lines it may hold.
 *
 * @param campaignId the campaign
 * @param now        the dialer's clock
 * @param lineLimit  how many calls the campaign may have at once: its maximum lines, further limited by the
 *                   connectors' free capacity
 * @param calls      its calls in progress
 * @param dueRequests how many of its requests are due now (an upper bound of what can be dialled)
 */
public record CampaignLines(long campaignId, Instant now, int lineLimit, List<LiveCall> calls, int dueRequests) {

    public CampaignLines {
        calls = List.copyOf(calls);
    }

    /** Lines the campaign may still fill, never negative. */
    public int freeLines() {
        return Math.max(0, lineLimit - calls.size());
    }

    /**
     * One call in progress.
     *
     * @param originatedAt when the originate was sent (null: being sent)
     * @param answeredAt   when the customer answered, or null
     * @param bridgedAt    when it reached an operator, or null
     */
    public record LiveCall(Instant originatedAt, Instant answeredAt, Instant bridgedAt) {

        public Stage stage() {
            return bridgedAt != null ? Stage.TALKING : answeredAt != null ? Stage.ANSWERED : Stage.DIALING;
        }

        /** How long ago it was dialled, relative to {@code now}. */
        public Duration sinceDial(Instant now) {
            return originatedAt == null ? Duration.ZERO : Duration.between(originatedAt, now);
        }
    }

    public enum Stage { DIALING, ANSWERED, TALKING }
}
