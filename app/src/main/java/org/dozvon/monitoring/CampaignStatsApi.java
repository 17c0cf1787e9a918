package org.dozvon.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.agents.OperatorState;
import org.dozvon.agents.Operators;
import org.dozvon.campaigns.CampaignNotFoundException;
import org.dozvon.campaigns.CampaignStatus;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.campaigns.OutcomeCategory;
import org.dozvon.dialing.CallFigures;
import org.dozvon.strategy.CampaignProgress;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/campaigns/{id}/stats}: a campaign's live figures, those the supervisor's monitor shows — calls
 * now, the day's calls by outcome, contacts taken and finished, the abandon rate, the operators working it — read
 * afresh on each request through the owning modules' APIs ({@link CallFigures}, {@link CampaignProgress},
 * {@link Operators}). "Today" starts at midnight in the server's zone; {@code since} says when.
 */
@RestController
class CampaignStatsApi {

    private final Campaigns campaigns;
    private final CallFigures figures;
    private final CampaignProgress progress;
    private final Operators operators;
    private final MonitoringProperties properties;
    private final Clock clock;

    CampaignStatsApi(Campaigns campaigns, CallFigures figures, CampaignProgress progress, Operators operators,
                     MonitoringProperties properties, Clock clock) {
        this.campaigns = campaigns;
        this.figures = figures;
        this.progress = progress;
        this.operators = operators;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/api/v1/campaigns/{id}/stats")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    CampaignStats stats(@PathVariable long id) {
        CampaignView campaign = campaigns.find(id).orElseThrow(() -> new CampaignNotFoundException(id));
        Instant now = clock.instant();
        Instant dayStart = LocalDate.now(clock).atStartOfDay(clock.getZone()).toInstant();
        Duration window = properties.abandonWindow();
        CallFigures.CampaignCalls calls = figures.campaigns(dayStart, now.minus(window), now)
                .getOrDefault(id, new CallFigures.CampaignCalls(id, 0, 0, 0, 0, Map.of(), 0, 0));
        CampaignProgress.Figures contacts = progress.of(List.of(id)).getOrDefault(id, CampaignProgress.Figures.NONE);
        Map<OutcomeCategory, Long> byOutcome = new EnumMap<>(OutcomeCategory.class);
        for (OutcomeCategory category : OutcomeCategory.values()) {
            byOutcome.put(category, calls.today(category));
        }
        Map<OperatorState, Integer> states = new EnumMap<>(OperatorState.class);
        operators.all().stream().filter(operator -> Objects.equals(operator.campaignId(), id))
                .forEach(operator -> states.merge(operator.state(), 1, Integer::sum));
        return new CampaignStats(id, campaign.name(), campaign.status(), now,
                new Now(calls.queued(), calls.dialing(), calls.waiting(), calls.talking()),
                new Today(dayStart, calls.todayTotal(), byOutcome),
                new Contacts(contacts.total(), contacts.called(), contacts.finished(), contacts.succeeded(),
                        contacts.remaining(), contacts.percent(), contacts.taking()),
                new Abandon(window, calls.windowPersons(), calls.windowAbandons(),
                        Math.round(calls.abandonPercent() * 100) / 100.0),
                states);
    }

    /**
     * @param at        when the figures were read
     * @param operators the operators working for the campaign now, by state
     */
    record CampaignStats(long campaignId, String name, CampaignStatus status, Instant at, Now calls, Today today,
                         Contacts contacts, Abandon abandon, Map<OperatorState, Integer> operators) {
    }

    /**
     * @param queued  dial requests due now, waiting for a line
     * @param dialing calls placed and not answered yet
     * @param waiting answered persons waiting for an operator
     * @param talking calls connected to an operator
     */
    record Now(long queued, long dialing, long waiting, long talking) {
    }

    /**
     * @param since     the start of the day (midnight, server's zone)
     * @param total     calls placed since then that ended
     * @param byOutcome those by outcome category (the settled one once the strategy has it, else the call's own)
     */
    record Today(Instant since, long total, Map<OutcomeCategory, Long> byOutcome) {
    }

    /**
     * @param taken     contacts the campaign has taken (one strategy process each)
     * @param called    of those, contacts called at least once
     * @param finished  of those, contacts whose processing has ended
     * @param succeeded of the finished ones, those that ended with success
     * @param remaining taken and not finished
     * @param percent   finished of taken, in whole percent
     * @param taking    the campaign is still taking contacts from its selection (more will come)
     */
    record Contacts(long taken, long called, long finished, long succeeded, long remaining, int percent, boolean taking) {
    }

    /**
     * @param window    how far back it looks ({@code dozvon.monitoring.abandon-window})
     * @param persons   calls placed within the window that a person answered
     * @param abandoned of those, persons who waited for an operator and got none
     * @param percent   abandoned of persons, in percent (0 when nobody answered)
     */
    record Abandon(Duration window, long persons, long abandoned, double percent) {
    }
}
