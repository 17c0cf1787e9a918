package org.dozvon.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.dozvon.Violation;
import org.dozvon.access.Audit;
import org.dozvon.access.DozvonUser;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.channels.SecretBox;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The subscriptions as the portal and the API change them: checked, their secrets sealed, each change and each
 * redelivery recorded in the audit journal in its own transaction.
 */
@Service
class Subscriptions {

    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 200;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubscriptionStore store;
    private final DeliveryStore deliveries;
    private final WebhookOutbox outbox;
    private final SecretBox secrets;
    private final Campaigns campaigns;
    private final Audit audit;
    private final Clock clock;
    private final WebhooksProperties properties;

    Subscriptions(SubscriptionStore store, DeliveryStore deliveries, WebhookOutbox outbox, SecretBox secrets,
                  Campaigns campaigns, Audit audit, Clock clock, WebhooksProperties properties) {
        this.store = store;
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.secrets = secrets;
        this.campaigns = campaigns;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * What a person asks a subscription to be.
     *
     * @param secret     a secret of one's own (16–200 characters, no spaces); null or blank: keep the stored one, or
     *                   make one up for a new subscription
     * @param eventTypes event type names ({@code contact.finished})
     * @param campaignId only this campaign's events; null: all
     * @param newSecret  make up a new secret (an edit; ignored when a secret is given)
     */
    record Form(String name, String url, String secret, Collection<String> eventTypes, Long campaignId, boolean active,
                boolean newSecret) {
    }

    /** The outcome of a save: the subscription's id and the secret this save set (null: unchanged), or why not. */
    record Saved(long id, String secret, List<Violation> violations) {
        boolean ok() {
            return violations.isEmpty();
        }

        static Saved refused(List<Violation> violations) {
            return new Saved(0, null, violations);
        }
    }

    /** A delivery that cannot be sent again: it waits to be sent already. */
    static class RedeliveryRefused extends RuntimeException {
        RedeliveryRefused(long id) {
            super("Delivery " + id + " waits to be sent already");
        }
    }

    Optional<Subscription> find(long id) {
        return store.find(id);
    }

    Subscription require(long id) {
        return store.find(id).orElseThrow(() -> new WebhookNotFound("webhook subscription " + id));
    }

    List<Subscription> all() {
        return store.all();
    }

    @Transactional
    Saved create(Form form, DozvonUser by) {
        Checked checked = check(null, form);
        if (!checked.violations.isEmpty()) {
            return Saved.refused(checked.violations);
        }
        String secret = blank(form.secret()) ? generateSecret() : form.secret().strip();
        long id = store.insert(checked.name, checked.url, secrets.seal(secret), checked.types, form.campaignId(),
                form.active(), clock.instant());
        audit.record(by, "webhook.create", "webhook", id, null, value(require(id), true));
        return new Saved(id, secret, List.of());
    }

    @Transactional
    Saved update(long id, Form form, DozvonUser by) {
        Subscription before = require(id);
        Checked checked = check(id, form);
        if (!checked.violations.isEmpty()) {
            return Saved.refused(checked.violations);
        }
        String secret = !blank(form.secret()) ? form.secret().strip() : form.newSecret() ? generateSecret() : null;
        store.update(id, checked.name, checked.url, secret == null ? null : secrets.seal(secret), checked.types,
                form.campaignId(), form.active(), clock.instant());
        audit.record(by, "webhook.update", "webhook", id, value(before, false), value(require(id), secret != null));
        return new Saved(id, secret, List.of());
    }

    @Transactional
    void delete(long id, DozvonUser by) {
        Subscription before = require(id);
        store.delete(id);
        audit.record(by, "webhook.delete", "webhook", id, value(before, false), null);
    }

    /** The subscription's secret in clear, for an administrator setting up the CRM (recorded in the audit journal). */
    @Transactional
    String revealSecret(long id, DozvonUser by) {
        Subscription subscription = require(id);
        String secret = secrets.open(subscription.sealedSecret());
        audit.record(by, "webhook.secret.show", "webhook", id, null, null);
        return secret;
    }

    /** Queues a {@code webhook.test} event for this subscription alone; its event id. */
    @Transactional
    UUID test(long id, DozvonUser by) {
        Subscription subscription = require(id);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subscriptionId", subscription.id());
        data.put("name", subscription.name());
        data.put("message", "A test event, sent on request by " + by.getUsername());
        UUID event = outbox.recordFor(id, EventType.TEST, data);
        audit.record(by, "webhook.test", "webhook", id, null, Map.of("eventId", event.toString()));
        return event;
    }

    /**
     * Sends a delivered or failed delivery again: PENDING at once, retried for {@code retryFor} again, its attempts so
     * far kept.
     *
     * @throws WebhookNotFound    when there is no such delivery
     * @throws RedeliveryRefused when it waits to be sent already
     */
    @Transactional
    Delivery redeliver(long deliveryId, DozvonUser by) {
        Delivery before = delivery(deliveryId);
        Instant now = clock.instant();
        if (!deliveries.redeliver(deliveryId, now, now.plus(properties.retryFor()))) {
            throw new RedeliveryRefused(deliveryId);
        }
        audit.record(by, "webhook.redeliver", "webhook", before.subscriptionId(),
                Map.of("deliveryId", deliveryId, "eventId", before.eventId().toString(), "state", before.state().name(),
                        "attempts", before.attempts()),
                Map.of("deliveryId", deliveryId, "state", Delivery.State.PENDING.name()));
        return delivery(deliveryId);
    }

    Delivery delivery(long deliveryId) {
        return deliveries.find(deliveryId).orElseThrow(() -> new WebhookNotFound("webhook delivery " + deliveryId));
    }

    /** A subscription's deliveries newest first (one more than {@code limit} tells that a next page exists). */
    List<Delivery> deliveries(long subscriptionId, Delivery.State state, Long beforeId, int limit) {
        return deliveries.page(subscriptionId, state, beforeId, limit);
    }

    Map<Long, SubscriptionStore.DeliveryCounts> counts() {
        return store.counts();
    }

    List<Subscription> page(Long afterId, int limit, Boolean active, Long campaignId) {
        return store.page(afterId, limit, active, campaignId);
    }

    // ---- checks

    private record Checked(String name, String url, Set<EventType> types, List<Violation> violations) {
    }

    private Checked check(Long id, Form form) {
        List<Violation> violations = new ArrayList<>();
        String name = form.name() == null ? "" : form.name().strip();
        if (name.isEmpty()) {
            violations.add(new Violation("name", "webhooks.error.nameRequired"));
        } else if (name.length() > 200) {
            violations.add(new Violation("name", "webhooks.error.nameTooLong", 200));
        } else if (store.nameTaken(name, id)) {
            violations.add(new Violation("name", "webhooks.error.nameTaken", name));
        }
        String url = form.url() == null ? "" : form.url().strip();
        if (url.isEmpty()) {
            violations.add(new Violation("url", "webhooks.error.urlRequired"));
        } else if (url.length() > 2000 || !isHttpUrl(url)) {
            violations.add(new Violation("url", "webhooks.error.url", url.length() > 80 ? url.substring(0, 80) + "…" : url));
        }
        if (!blank(form.secret())) {
            String secret = form.secret().strip();
            if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET || secret.chars().anyMatch(c -> c <= ' ')) {
                violations.add(new Violation("secret", "webhooks.error.secret", MIN_SECRET, MAX_SECRET));
            }
        }
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        List<String> unknown = new ArrayList<>();
        for (String code : form.eventTypes() == null ? List.<String>of() : form.eventTypes()) {
            String clean = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
            EventType.ofCode(clean).filter(type -> type != EventType.TEST)
                    .ifPresentOrElse(types::add, () -> unknown.add(code));
        }
        if (!unknown.isEmpty()) {
            violations.add(new Violation("eventTypes", "webhooks.error.eventTypeUnknown", String.join(", ", unknown),
                    String.join(", ", EventType.subscribable().stream().map(EventType::code).toList())));
        } else if (types.isEmpty()) {
            violations.add(new Violation("eventTypes", "webhooks.error.eventTypesRequired"));
        }
        if (form.campaignId() != null) {
            if (campaigns.find(form.campaignId()).isEmpty()) {
                violations.add(new Violation("campaignId", "webhooks.error.campaignUnknown", form.campaignId()));
            } else if (types.stream().anyMatch(type -> !type.ofCampaign())) {
                violations.add(new Violation("eventTypes", "webhooks.error.notOfCampaign",
                        String.join(", ", types.stream().filter(type -> !type.ofCampaign()).map(EventType::code).toList())));
            }
        }
        return new Checked(name, url, types, violations);
    }

    static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** 24 random bytes, base64url: 32 characters after {@code whsec_}. */
    static String generateSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** What the audit journal keeps of a subscription: everything but its secret. */
    private static Map<String, Object> value(Subscription subscription, boolean secretSet) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", subscription.name());
        value.put("url", subscription.url());
        value.put("eventTypes", subscription.eventCodes());
        value.put("campaignId", subscription.campaignId());
        value.put("active", subscription.active());
        if (secretSet) {
            value.put("secretSet", true);
        }
        return value;
    }
}
