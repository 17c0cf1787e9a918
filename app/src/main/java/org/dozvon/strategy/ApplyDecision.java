package org.dozvon.strategy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dozvon.campaigns.CodeResolution;
import org.dozvon.campaigns.CompletionCode;
import org.dozvon.contacts.ContactCards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import static org.dozvon.strategy.ContactVariables.*;

/**
 * {@code ${applyDecision}}: acts on the decision table's answer ({@code decision}: action, delaySeconds,
 * template, finalStatus, target). Sets {@code route} = PLAN (call again: when and which phone), NOTIFY
 * (send a template, then finish or call again) or FINISH. No matching rule: the completion code's own
 * resolution decides (final codes finish, retryable ones retry after their delay).
 */
@Component("applyDecision")
class ApplyDecision implements JavaDelegate {

    static final Duration DEFAULT_DELAY = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(ApplyDecision.class);

    private final StepReads reads;
    private final ContactCards cards;
    private final StrategyClock clock;
    private final StrategyTimeline timeline;

    ApplyDecision(StepReads reads, ContactCards cards, StrategyClock clock, StrategyTimeline timeline) {
        this.reads = reads;
        this.timeline = timeline;
        this.cards = cards;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Instant now = clock.now();
        Optional<CompletionCode> code = reads.code(text(execution, COMPLETION_CODE));
        CodeResolution resolution = code.map(CompletionCode::resolution).orElse(CodeResolution.RETRY);
        Map<String, Object> decision = decision(execution);
        String action = decision == null || decision.get("action") == null ? fallback(resolution)
                : decision.get("action").toString().strip().toUpperCase(Locale.ROOT);
        Duration delay = decision != null && decision.get("delaySeconds") instanceof Number seconds
                ? Duration.ofSeconds(seconds.longValue())
                : code.flatMap(CompletionCode::retryDelay).orElse(DEFAULT_DELAY);
        String finalStatus = decision == null || decision.get("finalStatus") == null ? null
                : FinalStatus.valueOf(decision.get("finalStatus").toString().strip()).name();
        String phone = text(execution, PHONE);
        keep(execution, LAST_ACTION, action);
        keep(execution, FINAL_STATUS, finalStatus);
        keep(execution, NOT_BEFORE, date(now.plus(delay)));
        keep(execution, PREFERRED_PHONE, phone);
        switch (action) {
            case "RETRY" -> route(execution, "PLAN");
            case "NEXT_PHONE" -> {
                keep(execution, PREFERRED_PHONE, nextPhone(contactId(execution), phone));
                route(execution, "PLAN");
            }
            case "CALLBACK" -> {
                Instant agreed = instant(execution, CALLBACK_AT);
                Instant planned = agreed != null && agreed.isAfter(now) ? agreed : now.plus(delay);
                keep(execution, CALLBACK_PLANNED, date(planned));
                // the agreed time, even when it comes before the decision's delay would
                keep(execution, NOT_BEFORE, date(planned));
                route(execution, "PLAN");
            }
            case "SMS", "EMAIL", "WEB" -> {
                Object template = decision == null ? null : decision.get("template");
                if (template == null || template.toString().isBlank()) {
                    throw new IllegalStateException("Decision nextAction answered " + action + " without a template");
                }
                keep(execution, CHANNEL, action);
                keep(execution, TEMPLATE, template.toString().strip());
                pass(execution, ROUTE, "NOTIFY");
            }
            case "MOVE_TO_LIST" -> {
                Object target = decision == null ? null : decision.get("target");
                long contactId = contactId(execution);
                if (target == null || !cards.moveToList(contactId, target.toString().strip())) {
                    log.warn("Contact {} could not be moved to list '{}' (no such list, or already there)", contactId, target);
                }
                keep(execution, FINAL_STATUS, finalStatus == null ? FinalStatus.MOVED.name() : finalStatus);
                pass(execution, ROUTE, "FINISH");
            }
            case "FINISH" -> {
                keep(execution, FINAL_STATUS, finalStatus != null ? finalStatus : finalStatusOf(resolution).name());
                pass(execution, ROUTE, "FINISH");
            }
            default -> throw new IllegalStateException("Decision nextAction answered an unknown action '" + action
                    + "': use RETRY, NEXT_PHONE, CALLBACK, SMS, EMAIL, WEB, MOVE_TO_LIST or FINISH");
        }
        if (timeline.recording()) {
            noteDecision(decision, action, delay, finalStatus);
        }
        Long times = number(execution, TIMES_THIS_CODE);
        if ("PLAN".equals(execution.getVariable(ROUTE)) && code.isPresent() && code.get().maxAttempts() != null
                && times != null && times >= code.get().maxAttempts()) {
            keep(execution, FINAL_STATUS, FinalStatus.ATTEMPTS_EXHAUSTED_CODE.name());
            pass(execution, ROUTE, "FINISH");
        }
    }

    /**
     * The decision's answer: the variable {@code decision} (a business rule task's {@code camunda:resultVariable},
     * or see {@link EngineTuning}), else the single result of the decision this step evaluated (Camunda's transient
     * {@code decisionResult}); null when no rule matched.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> decision(DelegateExecution execution) {
        if (execution.getVariable(DECISION) instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        if (execution.getVariable(DECISION_RESULT) instanceof DmnDecisionResult result) {
            DmnDecisionResultEntries single = result.getSingleResult();
            return single == null ? null : single.getEntryMap();
        }
        return null;
    }

    /** PLAN, unless the decision or the code already finished the contact. */
    private static void route(DelegateExecution execution, String route) {
        pass(execution, ROUTE, execution.getVariable(FINAL_STATUS) != null ? "FINISH" : route);
    }

    private String nextPhone(long contactId, String current) {
        List<String> numbers = reads.card(contactId).map(card -> card.phones().stream()
                .filter(ContactCards.Phone::active).map(ContactCards.Phone::number).toList()).orElse(List.of());
        int at = numbers.indexOf(current);
        return numbers.isEmpty() ? current : numbers.get((at + 1) % numbers.size());
    }

    private static String fallback(CodeResolution resolution) {
        return resolution == CodeResolution.RETRY ? "RETRY" : "FINISH";
    }

    private static FinalStatus finalStatusOf(CodeResolution resolution) {
        return switch (resolution) {
            case SUCCESS -> FinalStatus.SUCCESS;
            case DO_NOT_CALL -> FinalStatus.DO_NOT_CALL;
            default -> FinalStatus.FAILURE;
        };
    }

    private void noteDecision(Map<String, Object> decision, String action, Duration delay, String finalStatus) {
        List<StrategyTimeline.Part> parts = new ArrayList<>();
        parts.add(StrategyTimeline.part(decision == null ? "noRow" : "decision", action));
        if (decision != null && decision.get("delaySeconds") != null) {
            parts.add(StrategyTimeline.part("delay", String.valueOf(delay.toSeconds())));
        }
        if (decision != null && decision.get("template") != null) {
            parts.add(StrategyTimeline.part("template", String.valueOf(decision.get("template"))));
        }
        if (decision != null && decision.get("target") != null) {
            parts.add(StrategyTimeline.part("target", String.valueOf(decision.get("target"))));
        }
        if (finalStatus != null) {
            parts.add(StrategyTimeline.part("finalStatus", StrategyTimeline.status(finalStatus)));
        }
        timeline.note("DECISION", parts.toArray(StrategyTimeline.Part[]::new));
    }
}
