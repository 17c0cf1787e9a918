package org.dozvon.strategy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dozvon.campaigns.CompletionCode;
import org.dozvon.campaigns.OutcomeCategory;
import org.dozvon.dialing.AttemptCounts;
import org.dozvon.dialing.DialAttempt;
import org.dozvon.dialing.DialQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import static org.dozvon.strategy.ContactVariables.*;

/**
 * {@code ${settleOutcome}}: after {@code CallOutcome} (the attempt was settled by {@link StrategyOutcomes})
 * or after the safety timer (then this settles it: a request nobody dialled is cancelled and planned again,
 * {@code settled} = false; one that was being dialled ends as FAILED). Prepares the inputs of the decision
 * table.
 */
@Component("settleOutcome")
class SettleOutcome implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(SettleOutcome.class);

    private final DialQueue queue;
    private final StepReads reads;
    private final CampaignContacts progress;
    private final StrategyClock clock;
    private final StrategyTimeline timeline;

    SettleOutcome(DialQueue queue, StepReads reads, CampaignContacts progress, StrategyClock clock,
                  StrategyTimeline timeline) {
        this.timeline = timeline;
        this.queue = queue;
        this.reads = reads;
        this.progress = progress;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long campaignId = campaignId(execution);
        long contactId = contactId(execution);
        long attemptId = number(execution, ATTEMPT_ID);
        Instant now = clock.now();
        String outcome = text(execution, OUTCOME);
        String code = text(execution, COMPLETION_CODE);
        if (outcome == null) {
            if (queue.cancelIfQueued(attemptId, now)) {
                log.info("Dial request {} ({}) was not dialled in time: cancelled, planning again", attemptId,
                        execution.getProcessBusinessKey());
                pass(execution, SETTLED, false);
                timeline.note("OUTCOME", StrategyTimeline.part("deadline"));
                return;
            }
            Optional<DialAttempt> settled = queue.settle(attemptId, OutcomeCategory.FAILED, null, now);
            if (settled.isEmpty()) {
                // settled or cancelled elsewhere (the campaign stopped) without an outcome reaching us
                pass(execution, SETTLED, false);
                return;
            }
            log.warn("No outcome came for attempt {} ({}) in time: counted as FAILED", attemptId, execution.getProcessBusinessKey());
            outcome = OutcomeCategory.FAILED.name();
            pass(execution, OUTCOME, outcome);
        }
        OutcomeCategory category = OutcomeCategory.valueOf(outcome);
        CompletionCode completion = reads.code(code).orElseGet(() -> reads.systemCode(category));
        String phone = text(execution, PHONE);
        String day = text(execution, LOCAL_DAY);
        AttemptCounts counts = queue.counts(campaignId, contactId, phone, day == null ? null : LocalDate.parse(day),
                completion.code());
        long otherPhones = reads.card(contactId).map(card -> card.phones().stream()
                .filter(p -> p.active() && !p.number().equals(phone)).count()).orElse(0L);
        pass(execution, SETTLED, true);
        pass(execution, OUTCOME_CATEGORY, category.name());
        pass(execution, COMPLETION_CODE, completion.code());
        pass(execution, CODE_RESOLUTION, completion.resolution().name());
        pass(execution, ATTEMPTS_ON_PHONE, counts.onPhone());
        pass(execution, ATTEMPTS_ON_CONTACT, counts.onContact());
        pass(execution, ATTEMPTS_TODAY, counts.today());
        pass(execution, TIMES_THIS_CODE, counts.withCode());
        pass(execution, OTHER_PHONES, (int) otherPhones);
        progress.attempted(campaignId, contactId, counts.onContact(), counts.firstAttemptAt());
        timeline.note("OUTCOME", StrategyTimeline.part("outcome", category.name(), completion.code(), completion.resolution().name()),
                StrategyTimeline.part("attempts", String.valueOf(counts.onPhone()), String.valueOf(counts.onContact()),
                        String.valueOf(counts.today())),
                StrategyTimeline.part("dayType", String.valueOf(execution.getVariable(DAY_TYPE))));
    }
}
