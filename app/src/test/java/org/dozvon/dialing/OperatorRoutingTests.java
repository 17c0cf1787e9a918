package org.dozvon.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dozvon.campaigns.CampaignDialing;
import org.dozvon.campaigns.CampaignSettings;
import org.dozvon.campaigns.CampaignStatus;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.DialingMode;
import org.junit.jupiter.api.Test;

/**
 * Where free operators go: skill and level, minimum and maximum operators, weight, campaigns with work first; pools
 * and a supervisor's moves.
 */
class OperatorRoutingTests {

    private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");
    private static final long SALES = 1;

    /** The pool's assignments, as the agents module would store them. */
    private final Map<Long, Long> assigned = new HashMap<>();
    private final OperatorPool pool = new OperatorPool() {
        @Override
        public List<Seat> working() {
            return List.of();
        }

        @Override
        public boolean assign(long operatorId, Long campaignId) {
            assigned.put(operatorId, campaignId);
            return true;
        }

        @Override
        public boolean reserve(long operatorId, long campaignId, long attemptId, SeatState state, Instant until) {
            return false;
        }

        @Override
        public void placing(long attemptId) {
        }

        @Override
        public void bridged(long attemptId) {
        }

        @Override
        public void released(long attemptId, boolean talked, Instant wrapUpUntil) {
        }
    };

    private static CampaignView campaign(long id, int weight, Long skill, int level, Integer min, Integer max) {
        CampaignDialing dialing = new CampaignDialing(DialingMode.PROGRESSIVE, 1, 3, 30, null, skill, level, min, max, 30, null);
        CampaignSettings settings = CampaignSettings.blank().withName("c" + id);
        settings = new CampaignSettings(settings.name(), null, "standard", null, List.of(1L), null, null, 100, null, null,
                null, null, false, weight, null, null, null, "Europe/Moscow", settings.callingHours(), Map.of(), null, null,
                null, Map.of(), null, null, null, null, null, dialing, null, null);
        return new CampaignView(id, CampaignStatus.RUNNING, 1, settings, T, T, T);
    }

    private static OperatorPool.Seat ready(long id, Long campaign, Map<Long, Integer> skills, int secondsReady) {
        return new OperatorPool.Seat(id, "op" + id, "PJSIP/" + id, OperatorPool.SeatState.READY,
                T.minusSeconds(secondsReady), null, campaign, null, skills, null, false);
    }

    private static OperatorPool.Seat ready(long id, Long campaign, Set<Long> pool, Long pinned, int secondsReady) {
        return new OperatorPool.Seat(id, "op" + id, "PJSIP/" + id, OperatorPool.SeatState.READY,
                T.minusSeconds(secondsReady), null, campaign, null, Map.of(), null, false, pool, pinned);
    }

    private static Long campaignOf(List<OperatorPool.Seat> seats, long operator) {
        return seats.stream().filter(seat -> seat.operatorId() == operator).findFirst().orElseThrow().campaignId();
    }

    private List<OperatorPool.Seat> route(List<OperatorPool.Seat> seats, List<CampaignView> campaigns,
                                          Map<Long, Integer> due) {
        return OperatorRouting.route(seats, campaigns, due, Set.of(), pool);
    }

    @Test
    void operatorsAreSharedByWeightAmongCampaignsWithWork() {
        List<OperatorPool.Seat> seats = new ArrayList<>();
        for (long i = 1; i <= 9; i++) {
            seats.add(ready(i, null, Map.of(), (int) (100 - i)));
        }
        List<OperatorPool.Seat> routed = route(seats, List.of(campaign(10, 2, null, 1, null, null),
                campaign(20, 1, null, 1, null, null)), Map.of(10L, 50, 20L, 50));

        assertThat(routed.stream().filter(s -> Long.valueOf(10).equals(s.campaignId())).count()).isEqualTo(6);
        assertThat(routed.stream().filter(s -> Long.valueOf(20).equals(s.campaignId())).count()).isEqualTo(3);
    }

    @Test
    void aCampaignAskingForASkillGetsOnlyOperatorsWithItAtItsLevel() {
        List<OperatorPool.Seat> routed = route(List.of(ready(1, null, Map.of(SALES, 40), 10),
                        ready(2, null, Map.of(SALES, 80), 10), ready(3, null, Map.of(), 10)),
                List.of(campaign(10, 1, SALES, 50, null, null)), Map.of(10L, 5));

        assertThat(routed).extracting(OperatorPool.Seat::operatorId, OperatorPool.Seat::campaignId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(1L, null),
                        org.assertj.core.groups.Tuple.tuple(2L, 10L), org.assertj.core.groups.Tuple.tuple(3L, null));
    }

    @Test
    void aCampaignShortOfItsMinimumComesFirstAndOneAtItsMaximumTakesNoMore() {
        // the heavy campaign may have one operator at most; the light one wants two at least
        List<OperatorPool.Seat> routed = route(List.of(ready(1, null, Map.of(), 30), ready(2, null, Map.of(), 20),
                        ready(3, null, Map.of(), 10), ready(4, null, Map.of(), 5)),
                List.of(campaign(10, 100, null, 1, null, 1), campaign(20, 1, null, 1, 2, null)), Map.of(10L, 9, 20L, 9));

        assertThat(routed.stream().filter(s -> Long.valueOf(10).equals(s.campaignId())).count()).isEqualTo(1);
        assertThat(routed.stream().filter(s -> Long.valueOf(20).equals(s.campaignId())).count()).isEqualTo(3);
    }

    @Test
    void anOperatorStaysWithItsCampaignWhileItHasWorkAndMovesWhenItRunsOut() {
        List<CampaignView> campaigns = List.of(campaign(10, 1, null, 1, null, null), campaign(20, 1, null, 1, null, null));
        List<OperatorPool.Seat> stays = route(List.of(ready(1, 10L, Map.of(), 10)), campaigns, Map.of(10L, 3, 20L, 3));
        assertThat(stays.get(0).campaignId()).isEqualTo(10L);
        assertThat(assigned).isEmpty();

        List<OperatorPool.Seat> moves = route(List.of(ready(1, 10L, Map.of(), 10)), campaigns, Map.of(20L, 3));
        assertThat(moves.get(0).campaignId()).isEqualTo(20L);
        assertThat(assigned).containsEntry(1L, 20L);
    }

    @Test
    void operatorsAllOnOneCampaignSpreadWhenASecondCampaignGetsWorkButEqualSharesStayPut() {
        List<CampaignView> campaigns = List.of(campaign(10, 1, null, 1, null, null), campaign(20, 1, null, 1, null, null));
        List<OperatorPool.Seat> seats = new ArrayList<>();
        for (long i = 1; i <= 4; i++) {
            seats.add(ready(i, 10L, Map.of(), (int) (100 - i)));
        }
        List<OperatorPool.Seat> routed = route(seats, campaigns, Map.of(10L, 9, 20L, 9));
        assertThat(routed.stream().filter(s -> Long.valueOf(20).equals(s.campaignId())).count()).isEqualTo(2);

        assigned.clear();
        assertThat(route(routed, campaigns, Map.of(10L, 9, 20L, 9))).extracting(OperatorPool.Seat::campaignId)
                .containsExactlyInAnyOrderElementsOf(routed.stream().map(OperatorPool.Seat::campaignId).toList());
        assertThat(assigned).as("operators moved between equal shares").isEmpty();
    }

    @Test
    void operatorsHoldingACallAreLeftAlone() {
        OperatorPool.Seat talking = new OperatorPool.Seat(1, "op1", "PJSIP/1", OperatorPool.SeatState.IN_CALL, T, null,
                10L, 77L, Map.of(), null, false);
        List<OperatorPool.Seat> routed = route(List.of(talking), List.of(campaign(20, 1, null, 1, null, null)),
                Map.of(20L, 3));
        assertThat(routed).containsExactly(talking);
        assertThat(assigned).isEmpty();
    }

    @Test
    void anOperatorWithAPoolWorksOnlyTheCampaignsOfItsPool() {
        // the heavy campaign would take both; the first operator may work only the light one
        List<CampaignView> campaigns = List.of(campaign(10, 100, null, 1, null, null), campaign(20, 1, null, 1, null, null));
        List<OperatorPool.Seat> routed = route(List.of(ready(1, null, Set.of(20L), null, 30),
                ready(2, null, Set.of(), null, 20)), campaigns, Map.of(10L, 9, 20L, 9));

        assertThat(campaignOf(routed, 1)).isEqualTo(20L);
        assertThat(campaignOf(routed, 2)).isEqualTo(10L);
    }

    @Test
    void anOperatorTakenOutOfItsCampaignsPoolMovesToOneOfItsPoolOrToNone() {
        List<CampaignView> campaigns = List.of(campaign(10, 1, null, 1, null, null), campaign(20, 1, null, 1, null, null));
        List<OperatorPool.Seat> moved = route(List.of(ready(1, 10L, Set.of(20L), null, 10)), campaigns,
                Map.of(10L, 9, 20L, 9));
        assertThat(campaignOf(moved, 1)).as("its pool now holds only campaign 20").isEqualTo(20L);

        List<OperatorPool.Seat> idle = route(List.of(ready(1, 10L, Set.of(30L), null, 10)), campaigns,
                Map.of(10L, 9, 20L, 9));
        assertThat(campaignOf(idle, 1)).as("no campaign of its pool runs").isNull();
        assertThat(assigned).containsEntry(1L, null);
    }

    @Test
    void aMovedOperatorGoesToItsCampaignWhateverWeightsMaximumsAndItsPoolSay() {
        // campaign 20 is at its maximum of one, weighs little and is not in the operator's pool: the move wins
        List<CampaignView> campaigns = List.of(campaign(10, 100, null, 1, null, null), campaign(20, 1, null, 1, null, 1));
        List<OperatorPool.Seat> routed = route(List.of(ready(1, 20L, Set.of(), null, 50),
                ready(2, 10L, Set.of(10L), 20L, 10)), campaigns, Map.of(10L, 9, 20L, 9));

        assertThat(campaignOf(routed, 2)).isEqualTo(20L);
        assertThat(campaignOf(routed, 1)).as("placed around the moved operator: campaign 20 is full").isEqualTo(10L);
        assertThat(assigned).containsEntry(2L, 20L);
    }

    @Test
    void aMovedOperatorStaysOnItsCampaignEvenWhenItHasNoWork() {
        List<CampaignView> campaigns = List.of(campaign(10, 1, null, 1, null, null), campaign(20, 1, null, 1, null, null));
        List<OperatorPool.Seat> routed = route(List.of(ready(1, 20L, Set.of(), 20L, 10)), campaigns, Map.of(10L, 9));

        assertThat(campaignOf(routed, 1)).isEqualTo(20L);
        assertThat(assigned).isEmpty();
    }

    @Test
    void aMovedOperatorIsRoutedAsUsualWhileItsCampaignDoesNotRunOrAsksForASkillItLacks() {
        List<CampaignView> campaigns = List.of(campaign(10, 1, null, 1, null, null), campaign(20, 1, SALES, 50, null, null));
        // campaign 30 is paused (not among the running ones); campaign 20 wants a skill the operator lacks
        List<OperatorPool.Seat> paused = route(List.of(ready(1, null, Set.of(), 30L, 10)), campaigns, Map.of(10L, 9, 20L, 9));
        assertThat(campaignOf(paused, 1)).isEqualTo(10L);

        List<OperatorPool.Seat> unskilled = route(List.of(ready(2, null, Set.of(), 20L, 10)), campaigns,
                Map.of(10L, 9, 20L, 9));
        assertThat(campaignOf(unskilled, 2)).isEqualTo(10L);
    }
}
