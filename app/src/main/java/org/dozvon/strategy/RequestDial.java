package org.dozvon.strategy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dozvon.campaigns.Callback;
import org.dozvon.campaigns.CallbackType;
import org.dozvon.campaigns.Callbacks;
import org.dozvon.dialing.DialQueue;
import org.dozvon.dialing.DialRequest;

import org.springframework.stereotype.Component;

import static org.dozvon.strategy.ContactVariables.*;

/**
 * {@code ${requestDial}}: writes the dial request for the planned phone in this step's transaction and
 * keeps its id ({@code attemptId}), which the {@code CallOutcome} message must carry. Clears the previous
 * outcome, so that the safety timer's path can tell "no outcome came".
 */
@Component("requestDial")
class RequestDial implements JavaDelegate {

    /** Callbacks go ahead of ordinary requests in the queue. */
    static final int CALLBACK_PRIORITY = 10;
    /** Callbacks "to the campaign" and personal ones go ahead of standard callbacks. */
    static final int CAMPAIGN_CALLBACK_PRIORITY = 20;

    private final DialQueue queue;
    private final CampaignContacts progress;
    private final StrategyClock clock;
    private final StrategyProperties properties;
    private final StrategyTimeline timeline;
    private final Callbacks callbacks;

    RequestDial(DialQueue queue, CampaignContacts progress, StrategyClock clock, StrategyProperties properties,
                StrategyTimeline timeline, Callbacks callbacks) {
        this.timeline = timeline;
        this.callbacks = callbacks;
        this.queue = queue;
        this.progress = progress;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long campaignId = campaignId(execution);
        long contactId = contactId(execution);
        Instant now = clock.now();
        boolean callback = execution.getVariable(CALLBACK_PLANNED) != null;
        // a planned callback calls back the contact's open callback of the campaign whose window is open, if any
        Optional<Callback> open = callback
                ? callbacks.openFor(contactId, campaignId, now).filter(c -> !c.windowFrom().isAfter(now))
                : Optional.empty();
        int priority = open.map(c -> c.type() == CallbackType.STANDARD ? CALLBACK_PRIORITY : CAMPAIGN_CALLBACK_PRIORITY)
                .orElse(callback ? CALLBACK_PRIORITY : 0);
        Instant windowEnd = instant(execution, WINDOW_END);
        if (open.isPresent() && open.get().type() == CallbackType.PERSONAL
                && (windowEnd == null || open.get().windowTo().isBefore(windowEnd))) {
            // the operator's own callback waits for it while the callback's window lasts
            windowEnd = open.get().windowTo();
        }
        String day = text(execution, LOCAL_DAY);
        long attemptId = queue.request(new DialRequest(campaignId, contactId, execution.getProcessBusinessKey(),
                text(execution, PHONE), text(execution, PHONE_TYPE), text(execution, TIME_ZONE),
                priority, now, windowEnd,
                day == null ? LocalDate.ofInstant(now, java.time.ZoneOffset.UTC) : LocalDate.parse(day), now,
                clock.isVirtual(), open.map(Callback::id).orElse(null), open.map(Callback::operator).orElse(null)));
        keep(execution, ATTEMPT_ID, attemptId);
        pass(execution, OUTCOME_DEADLINE, date(now.plus(properties.outcomeTimeout())));
        keep(execution, OUTCOME, null);
        keep(execution, COMPLETION_CODE, null);
        keep(execution, CALLBACK_AT, null);
        keep(execution, CALLBACK_PLANNED, null);
        keep(execution, NOT_BEFORE, null);
        keep(execution, PREFERRED_PHONE, null);
        progress.state(campaignId, contactId, CampaignContacts.State.QUEUED, now);
        timeline.note("DIAL", StrategyTimeline.part(callback ? "dialCallback" : "dial", text(execution, PHONE),
                String.valueOf(attemptId)));
    }
}
