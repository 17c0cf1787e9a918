package org.dozvon.strategy;

import java.time.Instant;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import static org.dozvon.strategy.ContactVariables.*;

/**
 * {@code ${finishContact}}: records how the contact's processing in the campaign ended ({@code finalStatus}) and
 * publishes {@link ContactStatusChanged} FINISHED in the step's transaction.
 */
@Component("finishContact")
class FinishContact implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(FinishContact.class);

    private final CampaignContacts progress;
    private final StrategyClock clock;
    private final StrategyTimeline timeline;
    private final ApplicationEventPublisher events;

    FinishContact(CampaignContacts progress, StrategyClock clock, StrategyTimeline timeline,
                  ApplicationEventPublisher events) {
        this.timeline = timeline;
        this.events = events;
        this.progress = progress;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String status = text(execution, FINAL_STATUS);
        FinalStatus finalStatus = status == null ? FinalStatus.FAILURE : FinalStatus.valueOf(status);
        keep(execution, FINAL_STATUS, finalStatus.name());
        Instant now = clock.now();
        progress.finished(campaignId(execution), contactId(execution), finalStatus, now);
        events.publishEvent(new ContactStatusChanged(campaignId(execution), contactId(execution), ContactStatus.FINISHED,
                finalStatus, null, now));
        log.debug("Contact {} finished: {}", execution.getProcessBusinessKey(), finalStatus);
        timeline.finished(finalStatus.name());
    }
}
