package org.dozvon.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dozvon.contacts.ContactClientIds;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes events to the deliveries of the subscriptions that want them, in the transaction of the change they report.
 * Within a transaction the active subscriptions are read once (so the thousands of events of a campaign's intake
 * cost one small query when nobody subscribes, and a filter each otherwise), the events are kept and written just
 * before it commits in one statement, with the contacts' client ids read in one statement too. Outside a transaction
 * an event is written at once.
 */
@Component
class WebhookOutbox {

    /** Put into an event's data where the contact's client id goes; filled in when the event is written. */
    static final String CLIENT_ID = "clientId";

    private final SubscriptionStore subscriptions;
    private final DeliveryStore deliveries;
    private final ContactClientIds clientIds;
    private final ObjectMapper json;
    private final Clock clock;
    private final WebhooksProperties properties;

    WebhookOutbox(SubscriptionStore subscriptions, DeliveryStore deliveries, ContactClientIds clientIds, ObjectMapper json,
                  Clock clock, WebhooksProperties properties) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.clientIds = clientIds;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
    }

    /** An event about to be written. */
    record Event(UUID id, EventType type, Instant occurredAt, Long campaignId, Long contactId, Map<String, Object> data,
                 List<Long> subscriptionIds) {
    }

    /**
     * Records an event for every active subscription that wants it; nothing (and {@code data} is not asked) when none
     * does.
     *
     * @param campaignId the campaign it belongs to; null for none
     * @param contactId  the contact whose client id fills the data's {@value #CLIENT_ID} entry; null for none
     * @param data       the event's {@code data} object, in the order its members are written
     */
    void record(EventType type, Long campaignId, Instant occurredAt, Long contactId, Supplier<Map<String, Object>> data) {
        Pending pending = pending();
        List<Long> wanting = pending.subscriptions().stream().filter(s -> s.wants(type, campaignId))
                .map(Subscription::id).toList();
        if (wanting.isEmpty()) {
            return;
        }
        Event event = new Event(UUID.randomUUID(), type, occurredAt, campaignId, contactId, data.get(), wanting);
        if (pending.transactional) {
            pending.events.add(event);
        } else {
            write(List.of(event));
        }
    }

    /** Writes one event for one subscription only, now, in the caller's transaction (a test event); its event id. */
    UUID recordFor(long subscriptionId, EventType type, Map<String, Object> data) {
        Event event = new Event(UUID.randomUUID(), type, clock.instant(), null, null, data, List.of(subscriptionId));
        write(List.of(event));
        return event.id();
    }

    /** The body posted for an event: {@code {id, type, occurredAt, campaignId?, data}}. */
    String payload(Event event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.id().toString());
        body.put("type", event.type().code());
        body.put("occurredAt", time(event.occurredAt()));
        if (event.campaignId() != null) {
            body.put("campaignId", event.campaignId());
        }
        body.put("data", event.data());
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event's data that is not JSON: " + event, e);
        }
    }

    /** A moment as payloads give it: ISO-8601 with its offset, UTC, to the millisecond. */
    static String time(Instant instant) {
        return instant == null ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC));
    }

    private void write(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        Set<Long> contacts = events.stream().filter(e -> e.contactId() != null && e.data().containsKey(CLIENT_ID))
                .map(Event::contactId).collect(Collectors.toSet());
        Map<Long, String> known = clientIds.of(contacts);
        List<DeliveryStore.New> rows = new ArrayList<>();
        for (Event event : events) {
            if (event.contactId() != null && event.data().containsKey(CLIENT_ID)) {
                event.data().put(CLIENT_ID, known.get(event.contactId()));
            }
            String payload = payload(event);
            for (long subscription : event.subscriptionIds()) {
                rows.add(new DeliveryStore.New(subscription, event.id(), event.type(), event.campaignId(), payload,
                        event.occurredAt()));
            }
        }
        Instant now = clock.instant();
        deliveries.insert(rows, now, now.plus(properties.retryFor()));
    }

    /** This transaction's subscriptions and events, bound to it on first use; a throw-away one outside transactions. */
    private Pending pending() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return new Pending(false);
        }
        Pending bound = (Pending) TransactionSynchronizationManager.getResource(this);
        if (bound != null) {
            return bound;
        }
        Pending fresh = new Pending(true);
        TransactionSynchronizationManager.bindResource(this, fresh);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void suspend() {
                TransactionSynchronizationManager.unbindResourceIfPossible(WebhookOutbox.this);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.bindResource(WebhookOutbox.this, fresh);
            }

            @Override
            public void beforeCommit(boolean readOnly) {
                List<Event> events = List.copyOf(fresh.events);
                fresh.events.clear();
                write(events);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(WebhookOutbox.this);
            }
        });
        return fresh;
    }

    private final class Pending {
        final boolean transactional;
        final List<Event> events = new ArrayList<>();
        private List<Subscription> subscriptions;

        Pending(boolean transactional) {
            this.transactional = transactional;
        }

        List<Subscription> subscriptions() {
            if (subscriptions == null) {
                subscriptions = WebhookOutbox.this.subscriptions.active();
            }
            return subscriptions;
        }
    }
}
