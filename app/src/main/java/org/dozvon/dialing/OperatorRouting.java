package org.dozvon.dialing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dozvon.campaigns.CampaignDialing;
import org.dozvon.campaigns.CampaignView;

/**
 * Where free operators work: each READY operator is sent to one running campaign with operators that it
 * qualifies for (the campaign's skill at its level or above) and that is not at its maximum of operators. A
 * campaign short of its minimum comes first, then the one with the fewest operators for its weight (a campaign
 * with weight 2 gets twice the operators of one with weight 1); among those, campaigns with work (due requests or
 * persons waiting) before idle ones. An operator stays where it is unless its campaign stopped, no longer suits
 * it, went over its maximum, has no work while another has, another campaign is short of its minimum while this
 * one is above its own, or moving it to another campaign with work lowers the higher of the two campaigns'
 * operators-per-weight (so shares follow the weights without operators going back and forth).
 *
 * <p>An operator with a pool ({@link OperatorPool.Seat#campaigns()}) is sent only to campaigns of its pool; one
 * without works any. An operator a supervisor moved ({@link OperatorPool.Seat#pinnedCampaignId()}) goes to that
 * campaign while it runs with operators and the operator qualifies for it — before anyone else is placed and whatever
 * weights, minimums, maximums and its pool say (a forced move is the supervisor's decision); otherwise (the campaign
 * is paused or stopped, or asks for a skill the operator lacks) it is routed as if it had not been moved.
 */
final class OperatorRouting {

    private OperatorRouting() {
    }

    /**
     * Assigns the READY operators and returns the seats as they are afterwards.
     *
     * @param due     due requests per campaign
     * @param waiting campaigns with persons waiting for an operator
     */
    static List<OperatorPool.Seat> route(List<OperatorPool.Seat> seats, List<CampaignView> running,
                                         Map<Long, Integer> due, Set<Long> waiting, OperatorPool pool) {
        List<CampaignView> staffed = running.stream().filter(c -> c.settings().dialing().mode().withOperators()).toList();
        if (seats.isEmpty()) {
            return seats;
        }
        Map<Long, CampaignView> byId = new HashMap<>();
        staffed.forEach(campaign -> byId.put(campaign.id(), campaign));
        Map<Long, Integer> counts = new HashMap<>();
        for (OperatorPool.Seat seat : seats) {
            if (seat.campaignId() != null && byId.containsKey(seat.campaignId())) {
                counts.merge(seat.campaignId(), 1, Integer::sum);
            }
        }
        List<OperatorPool.Seat> result = new ArrayList<>(seats.size());
        List<OperatorPool.Seat> ordered = new ArrayList<>(seats);
        // moved operators take their places first, so that others are placed around them
        ordered.sort(Comparator.comparing((OperatorPool.Seat seat) -> pinnedTo(seat, byId) == null)
                .thenComparing(OperatorPool.Seat::since, Comparator.nullsFirst(Comparator.naturalOrder())));
        for (OperatorPool.Seat seat : ordered) {
            if (seat.state() != OperatorPool.SeatState.READY) {
                result.add(seat);
                continue;
            }
            CampaignView current = seat.campaignId() == null ? null : byId.get(seat.campaignId());
            if (current != null) {
                counts.merge(current.id(), -1, Integer::sum);
            }
            CampaignView best = pinnedTo(seat, byId);
            if (best == null) {
                best = choose(seat, staffed.stream().filter(c -> seat.inPool(c.id())).toList(), counts, due, waiting,
                        current);
            }
            if (best != null) {
                counts.merge(best.id(), 1, Integer::sum);
            }
            Long target = best == null ? null : best.id();
            if (java.util.Objects.equals(target, seat.campaignId()) || pool.assign(seat.operatorId(), target)) {
                result.add(seat.assignedTo(target));
            } else {
                result.add(seat);
            }
        }
        return result;
    }

    /** The campaign a supervisor moved the operator to, when it runs with operators and the operator qualifies. */
    private static CampaignView pinnedTo(OperatorPool.Seat seat, Map<Long, CampaignView> staffed) {
        CampaignView pinned = seat.pinnedCampaignId() == null ? null : staffed.get(seat.pinnedCampaignId());
        if (pinned == null) {
            return null;
        }
        CampaignDialing d = pinned.settings().dialing();
        return seat.qualifiesFor(d.skillId(), d.minSkillLevel()) ? pinned : null;
    }

    private static CampaignView choose(OperatorPool.Seat seat, List<CampaignView> staffed, Map<Long, Integer> counts,
                                       Map<Long, Integer> due, Set<Long> waiting, CampaignView current) {
        List<CampaignView> open = staffed.stream().filter(c -> {
            CampaignDialing d = c.settings().dialing();
            return seat.qualifiesFor(d.skillId(), d.minSkillLevel())
                    && (d.maxOperators() == null || counts.getOrDefault(c.id(), 0) < d.maxOperators());
        }).toList();
        if (open.isEmpty()) {
            return null;
        }
        Comparator<CampaignView> order = Comparator
                .comparing((CampaignView c) -> !shortOfMinimum(c, counts))
                .thenComparing(c -> !hasWork(c, due, waiting))
                .thenComparingDouble(c -> load(c, counts, 1))
                .thenComparing(c -> -c.settings().weight())
                .thenComparingLong(CampaignView::id);
        CampaignView best = open.stream().min(order).orElse(null);
        boolean anyShort = open.stream().anyMatch(c -> shortOfMinimum(c, counts));
        if (current != null && open.contains(current) && !(anyShort && !shortOfMinimum(current, counts))
                && (hasWork(current, due, waiting) || open.stream().noneMatch(c -> hasWork(c, due, waiting)))
                && !(best != current && hasWork(best, due, waiting) && fairer(current, best, counts))) {
            return current;
        }
        return best;
    }

    /** The campaign's operators for its weight, with {@code extra} more (the operator being placed). */
    private static double load(CampaignView campaign, Map<Long, Integer> counts, int extra) {
        return (counts.getOrDefault(campaign.id(), 0) + extra) / (double) Math.max(1, campaign.settings().weight());
    }

    /**
     * Whether moving the operator from {@code current} to {@code other} lowers the higher of the two loads: the
     * shares drift toward the weights without operators going back and forth between equal shares.
     */
    private static boolean fairer(CampaignView current, CampaignView other, Map<Long, Integer> counts) {
        double stay = Math.max(load(current, counts, 1), load(other, counts, 0));
        double move = Math.max(load(current, counts, 0), load(other, counts, 1));
        return move < stay - 1e-9;
    }

    private static boolean shortOfMinimum(CampaignView campaign, Map<Long, Integer> counts) {
        Integer min = campaign.settings().dialing().minOperators();
        return min != null && counts.getOrDefault(campaign.id(), 0) < min;
    }

    private static boolean hasWork(CampaignView campaign, Map<Long, Integer> due, Set<Long> waiting) {
        return due.getOrDefault(campaign.id(), 0) > 0 || waiting.contains(campaign.id());
    }
}
