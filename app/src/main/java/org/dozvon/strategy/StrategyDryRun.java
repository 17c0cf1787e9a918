package org.dozvon.strategy;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.dozvon.Violation;
import org.dozvon.campaigns.CampaignSettings;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.campaigns.OutcomeCategory;
import org.dozvon.contacts.ContactCards;
import org.dozvon.contacts.PhoneNumbers;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import static org.dozvon.strategy.ContactVariables.*;

/**
 * The dry run: a strategy run for a fictitious contact against a list of outcomes by the real engine and
 * the real decision tables, inside one transaction that is rolled back at the end. Time is virtual: due
 * jobs run in due-date order with "now" at their due time, each outcome arrives its call's duration after
 * the dial. Nothing it writes is seen by the job executor or survives it (sends are journalled as
 * SIMULATED by the channels module, which is the only trace).
 */
@Service
class StrategyDryRun {

    static final int MAX_STEPS = 500;
    static final Duration MAX_SPAN = Duration.ofDays(400);

    private final CampaignIntake intake;
    private final Campaigns campaigns;
    private final ContactCards cards;
    private final PhoneNumbers phoneNumbers;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final StrategyOutcomes outcomes;
    private final StrategyClock clock;
    private final StrategyTimeline timeline;
    private final TransactionTemplate transactions;

    StrategyDryRun(CampaignIntake intake, Campaigns campaigns, ContactCards cards, PhoneNumbers phoneNumbers,
                   RuntimeService runtime, ManagementService management, StrategyOutcomes outcomes, StrategyClock clock,
                   StrategyTimeline timeline, TransactionTemplate transactions) {
        this.intake = intake;
        this.campaigns = campaigns;
        this.cards = cards;
        this.phoneNumbers = phoneNumbers;
        this.runtime = runtime;
        this.management = management;
        this.outcomes = outcomes;
        this.clock = clock;
        this.timeline = timeline;
        this.transactions = transactions;
    }

    /**
     * @param campaignId    a campaign whose settings (hours, zone, calendar, limits) to use; null: the form's defaults
     * @param phones        the contact's phones in priority order, as a person writes them
     * @param timeZone      the phones' zone (IANA id or offset)
     * @param start         when the campaign takes the contact
     * @param outcomes      the calls' outcomes in order
     */
    record Request(String strategyKey, Integer version, Long campaignId, List<String> phones, String timeZone,
                   Instant start, List<PlannedOutcome> outcomes) {
    }

    /**
     * @param outcome      the call's outcome category
     * @param code         a completion code's key, or null for the outcome's system code
     * @param callbackAt   the callback time agreed in the call, or null
     * @param callSeconds  how long after the dial the outcome comes (30 s when null)
     */
    record PlannedOutcome(OutcomeCategory outcome, String code, Instant callbackAt, Integer callSeconds) {
    }

    record Result(List<StrategyTimeline.Entry> timeline, String finalStatus, int outcomesUsed, String strategy) {

        /** The result as shown to a reader: each note in the reader's language. */
        Shown shown(org.springframework.context.MessageSource messages, java.util.Locale locale) {
            return new Shown(timeline.stream().map(e -> e.line(messages, locale)).toList(), finalStatus, outcomesUsed, strategy);
        }
    }

    /** What the page and the API show of a {@link Result}. */
    record Shown(List<StrategyTimeline.Line> timeline, String finalStatus, int outcomesUsed, String strategy) {
    }

    static class Refused extends RuntimeException {
        final transient List<Violation> violations;

        Refused(List<Violation> violations) {
            super("dry run refused: " + violations);
            this.violations = violations;
        }
    }

    Result run(Request request) {
        List<Violation> violations = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        if (request.phones() == null || request.phones().isEmpty()) {
            violations.add(new Violation("phones", "dryRun.error.noPhones"));
        } else {
            for (String raw : request.phones()) {
                PhoneNumbers.Normalized parsed = phoneNumbers.normalize(raw);
                if (parsed.valid()) {
                    phones.add(parsed.e164());
                } else {
                    violations.add(new Violation("phones", "dryRun.error.phone", raw, parsed.problem()));
                }
            }
        }
        ZoneId zone = null;
        try {
            zone = ZoneId.of(request.timeZone() == null ? CampaignSettings.DEFAULT_ZONE : request.timeZone().strip());
        } catch (DateTimeException e) {
            violations.add(new Violation("timeZone", "dryRun.error.timeZone", request.timeZone()));
        }
        CampaignSettings settings = CampaignSettings.blank();
        if (request.campaignId() != null) {
            Optional<CampaignView> campaign = campaigns.find(request.campaignId());
            if (campaign.isEmpty()) {
                violations.add(new Violation("campaignId", "dryRun.error.campaign", String.valueOf(request.campaignId())));
            } else {
                settings = campaign.get().settings();
            }
        }
        settings = settings.withStrategy(request.strategyKey(), request.version());
        Optional<ProcessDefinition> definition = intake.definition(settings);
        if (definition.isEmpty()) {
            violations.add(new Violation("strategyKey", "dryRun.error.strategy", String.valueOf(request.strategyKey())));
        }
        if (request.outcomes() == null || request.outcomes().isEmpty()) {
            violations.add(new Violation("outcomes", "dryRun.error.noOutcomes"));
        }
        if (!violations.isEmpty()) {
            throw new Refused(violations);
        }
        Instant start = request.start() == null ? clock.now() : request.start();
        CampaignSettings runWith = settings;
        String zoneId = zone.getId();
        Result[] result = new Result[1];
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            result[0] = clock.at(start, () -> simulate(definition.get(), runWith, phones, zoneId, start, request.outcomes()));
        });
        return result[0];
    }

    private Result simulate(ProcessDefinition definition, CampaignSettings settings, List<String> phones, String zone,
                            Instant start, List<PlannedOutcome> planned) {
        String[] instance = new String[1];
        int[] used = new int[1];
        List<StrategyTimeline.Entry> entries = timeline.record(() -> {
            long campaignId = campaigns.runningForDryRun(settings);
            long contactId = cards.scratchContact(phones, zone, start);
            Map<String, Object> variables = new HashMap<>();
            variables.put(CAMPAIGN_ID, campaignId);
            variables.put(CONTACT_ID, contactId);
            timeline.note("START", StrategyTimeline.part("start", String.join(", ", phones), zone));
            instance[0] = runtime.startProcessInstanceById(definition.getId(), businessKey(campaignId, contactId), variables)
                    .getProcessInstanceId();
            Instant now = start;
            for (int step = 0; step < MAX_STEPS && isActive(instance[0]); step++) {
                boolean waitingForOutcome = runtime.getActiveActivityIds(instance[0]).contains("Gateway_WaitOutcome");
                if (waitingForOutcome && used[0] < planned.size()) {
                    PlannedOutcome outcome = planned.get(used[0]++);
                    now = now.plusSeconds(outcome.callSeconds() == null ? 30 : outcome.callSeconds());
                    clock.moveTo(now);
                    long attempt = ((Number) runtime.getVariable(instance[0], ATTEMPT_ID)).longValue();
                    outcomes.report(attempt, outcome.outcome(), blankToNull(outcome.code()), outcome.callbackAt());
                    continue;
                }
                if (waitingForOutcome) {
                    timeline.note("NOTE", StrategyTimeline.part("noMoreOutcomes"));
                    return;
                }
                Optional<Job> next = management.createJobQuery().processInstanceId(instance[0]).list().stream()
                        .min(Comparator.comparing(job -> job.getDuedate() == null ? new Date(0) : job.getDuedate()));
                if (next.isEmpty()) {
                    timeline.note("NOTE", StrategyTimeline.part("stuck", String.join(", ", runtime.getActiveActivityIds(instance[0]))));
                    return;
                }
                Instant due = next.get().getDuedate() == null ? now : next.get().getDuedate().toInstant();
                if (due.isAfter(start.plus(MAX_SPAN))) {
                    timeline.note("NOTE", StrategyTimeline.part("tooFar", String.valueOf(MAX_SPAN.toDays())));
                    return;
                }
                now = due.isAfter(now) ? due : now;
                clock.moveTo(now);
                management.executeJob(next.get().getId());
            }
        });
        String finalStatus = isActive(instance[0]) ? null : entries.stream().filter(e -> e.kind().equals("FINISH"))
                .map(StrategyTimeline.Entry::finalStatus).reduce((a, b) -> b).orElse(null);
        return new Result(entries, finalStatus, used[0], definition.getKey() + " v" + definition.getVersion());
    }

    private boolean isActive(String instance) {
        return runtime.createProcessInstanceQuery().processInstanceId(instance).count() > 0;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip().toUpperCase(java.util.Locale.ROOT);
    }
}
