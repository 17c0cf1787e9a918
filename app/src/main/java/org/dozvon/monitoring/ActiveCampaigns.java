package org.dozvon.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dozvon.agents.OperatorState;
import org.dozvon.agents.OperatorView;
import org.dozvon.agents.Operators;
import org.dozvon.campaigns.CampaignStatus;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Callbacks;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.strategy.CampaignProgress;

import org.springframework.stereotype.Component;

/**
 * What the active campaigns page shows, read from the modules that own it: the running and paused campaigns
 * ({@code campaigns}) with their progress ({@code strategy}) and callbacks ({@code campaigns}), the operators
 * ({@code agents}) working each of them now, the operators logged in but on none, and every operator's pool.
 */
@Component
class ActiveCampaigns {

    private final Campaigns campaigns;
    private final Operators operators;
    private final Callbacks callbacks;
    private final CampaignProgress progress;
    private final Clock clock;

    ActiveCampaigns(Campaigns campaigns, Operators operators, Callbacks callbacks, CampaignProgress progress, Clock clock) {
        this.campaigns = campaigns;
        this.operators = operators;
        this.callbacks = callbacks;
        this.progress = progress;
        this.clock = clock;
    }

    /** One active campaign and the operators working it now. */
    record CampaignBlock(CampaignView campaign, CampaignProgress.Figures progress, Callbacks.OpenCount callbacks,
                         List<OperatorLine> operators) {

        public long id() {
            return campaign.id();
        }

        public boolean withOperators() {
            return campaign.settings().dialing().mode().withOperators();
        }
    }

    /**
     * One operator as a supervisor sees it.
     *
     * @param secondsInState how long it has been in its state when the page was made
     * @param skills         its skills as "name level", in name order
     */
    record OperatorLine(OperatorView operator, long secondsInState, List<String> skills) {

        public long id() {
            return operator.id();
        }

        public boolean holdsCall() {
            return operator.state().holdsCall();
        }

        /** How many campaigns of its pool are not among these. */
        public long poolOutside(java.util.Set<Long> campaignIds) {
            return operator.campaigns().stream().filter(id -> !campaignIds.contains(id)).count();
        }
    }

    /** The page: the active campaigns (running first, heaviest first), the logged-in operators on none. */
    record Page(List<CampaignBlock> campaigns, List<OperatorLine> unassigned, List<OperatorLine> everyone,
                Instant now) {

        public java.util.Set<Long> activeIds() {
            return campaigns.stream().map(CampaignBlock::id).collect(java.util.stream.Collectors.toSet());
        }

        /** The campaigns an operator can be moved to: active ones that dial with operators. */
        public List<CampaignView> moveTargets() {
            return campaigns.stream().filter(CampaignBlock::withOperators).map(CampaignBlock::campaign).toList();
        }
    }

    Page page() {
        Instant now = clock.instant();
        List<CampaignView> active = Stream.concat(campaigns.withStatus(CampaignStatus.RUNNING).stream(),
                campaigns.withStatus(CampaignStatus.PAUSED).stream()).toList();
        List<Long> ids = active.stream().map(CampaignView::id).toList();
        Map<Long, CampaignProgress.Figures> figures = progress.of(ids);
        Map<Long, Callbacks.OpenCount> open = callbacks.openCounts(ids);
        Map<Long, String> skillNames = new HashMap<>();
        operators.skillList().forEach(skill -> skillNames.put(skill.id(), skill.name()));
        List<OperatorLine> everyone = operators.all().stream().map(o -> line(o, now, skillNames)).toList();
        Map<Long, List<OperatorLine>> working = new HashMap<>();
        List<OperatorLine> unassigned = new ArrayList<>();
        for (OperatorLine line : everyone) {
            OperatorView o = line.operator();
            if (o.state() == OperatorState.OFFLINE) {
                continue;
            }
            if (o.campaignId() != null && ids.contains(o.campaignId())) {
                working.computeIfAbsent(o.campaignId(), id -> new ArrayList<>()).add(line);
            } else {
                unassigned.add(line);
            }
        }
        List<CampaignBlock> blocks = active.stream().map(c -> new CampaignBlock(c,
                figures.getOrDefault(c.id(), CampaignProgress.Figures.NONE),
                open.getOrDefault(c.id(), Callbacks.OpenCount.NONE),
                working.getOrDefault(c.id(), List.of()))).toList();
        return new Page(blocks, unassigned, everyone, now);
    }

    private static OperatorLine line(OperatorView o, Instant now, Map<Long, String> skillNames) {
        long seconds = o.stateSince() == null ? 0 : Math.max(0, Duration.between(o.stateSince(), now).toSeconds());
        List<String> skills = o.skills().entrySet().stream()
                .map(e -> Map.entry(skillNames.getOrDefault(e.getKey(), "?"), e.getValue()))
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(String::toLowerCase)))
                .map(e -> e.getKey() + " " + e.getValue()).toList();
        return new OperatorLine(o, seconds, skills);
    }
}
