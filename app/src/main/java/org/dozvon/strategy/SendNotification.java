package org.dozvon.strategy;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dozvon.channels.Channels;
import org.dozvon.channels.MessageReference;
import org.dozvon.channels.SendRequest;
import org.dozvon.contacts.ContactCards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import static org.dozvon.strategy.ContactVariables.*;

/**
 * {@code ${sendNotification}}: sends {@code template} over {@code channel} (SMS to the phone last called,
 * e-mail to the contact's first address, a web request) through the channels module. The task is
 * asynchronous in the model: the step that decided is committed first, a failing gateway is retried by the
 * job's retries and ends as an incident. The send key (instance, attempt, template) makes a retried job one
 * message, never two.
 */
@Component("sendNotification")
class SendNotification implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(SendNotification.class);

    private final Channels channels;
    private final ContactCards cards;
    private final StrategyClock clock;
    private final StrategyTimeline timeline;

    SendNotification(Channels channels, ContactCards cards, StrategyClock clock, StrategyTimeline timeline) {
        this.timeline = timeline;
        this.channels = channels;
        this.cards = cards;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long campaignId = campaignId(execution);
        long contactId = contactId(execution);
        String channel = text(execution, CHANNEL);
        String template = text(execution, TEMPLATE);
        ContactCards.Card card = cards.card(contactId).orElse(null);
        if (card == null) {
            log.info("Contact {} is gone: {} '{}' not sent", contactId, channel, template);
            return;
        }
        Map<String, Object> values = new HashMap<>(card.values());
        String recipient = switch (channel) {
            case "EMAIL" -> card.emails().isEmpty() ? null : card.emails().get(0);
            default -> text(execution, PHONE);
        };
        if (recipient == null) {
            log.info("Contact {} has no e-mail address: '{}' not sent", contactId, template);
            timeline.note("NOTIFY", StrategyTimeline.part("noAddress", channel, template));
            return;
        }
        MessageReference reference = new MessageReference(campaignId, contactId, execution.getProcessBusinessKey(),
                execution.getProcessInstanceId() + ":" + number(execution, ATTEMPT_ID) + ":" + template);
        SendRequest request = new SendRequest(template, recipient, values, reference, clock.isVirtual());
        switch (channel) {
            case "SMS" -> channels.sendSms(request);
            case "EMAIL" -> channels.sendEmail(request);
            case "WEB" -> channels.callWebRequest(request);
            default -> throw new IllegalStateException("unknown channel '" + channel + "'");
        }
        timeline.note("NOTIFY", StrategyTimeline.part("sent", channel, template, recipient));
    }
}
