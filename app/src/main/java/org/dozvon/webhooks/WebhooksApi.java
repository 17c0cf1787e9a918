package org.dozvon.webhooks;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.ApiCursor;
import org.dozvon.ApiPage;
import org.dozvon.InvalidRequest;
import org.dozvon.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/webhooks}: subscriptions (list, get, create, change, delete, send a test event), their delivery log
 * and redelivery.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
@RequiresPermission(Permission.WEBHOOKS_MANAGE)
class WebhooksApi {

    private final Subscriptions subscriptions;
    private final Problems problems;

    WebhooksApi(Subscriptions subscriptions, Problems problems) {
        this.subscriptions = subscriptions;
        this.problems = problems;
    }

    /** Subscriptions by id ({@link ApiPage}), optionally only active ones or those of one campaign. */
    @GetMapping
    ApiPage<WebhookDto> list(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit,
                             @RequestParam(required = false) Boolean active,
                             @RequestParam(required = false) Long campaignId) {
        int size = ApiPage.limit(limit);
        Map<Long, SubscriptionStore.DeliveryCounts> counts = subscriptions.counts();
        return ApiPage.of(subscriptions.page(ApiCursor.decodeId(cursor), size + 1, active, campaignId), size,
                s -> WebhookDto.of(s, counts.getOrDefault(s.id(), SubscriptionStore.DeliveryCounts.NONE), null),
                s -> new Object[] {s.id()});
    }

    @GetMapping("/{id}")
    WebhookDto get(@PathVariable long id) {
        return dto(id, null);
    }

    /**
     * Creates a subscription: 201 with its {@code secret} (the one given, or one made up), the only answer that
     * shows it unasked; 422 with the problems by field.
     */
    @PostMapping
    ResponseEntity<?> create(@RequestBody WebhookRequest body, @AuthenticationPrincipal DozvonUser user) {
        Subscriptions.Saved saved = subscriptions.create(body.form(), user);
        if (!saved.ok()) {
            return problems.invalid(saved.violations());
        }
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + saved.id())).body(dto(saved.id(), saved.secret()));
    }

    /**
     * Replaces a subscription's settings; the secret stays unless {@code secret} gives one or {@code newSecret} asks
     * for one to be made up (then the answer shows it).
     */
    @PutMapping("/{id}")
    ResponseEntity<?> update(@PathVariable long id, @RequestBody WebhookRequest body,
                             @AuthenticationPrincipal DozvonUser user) {
        subscriptions.require(id);
        Subscriptions.Saved saved = subscriptions.update(id, body.form(), user);
        if (!saved.ok()) {
            return problems.invalid(saved.violations());
        }
        return ResponseEntity.ok(dto(id, saved.secret()));
    }

    /** Deletes a subscription and its delivery log; deliveries not yet sent are not sent. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, @AuthenticationPrincipal DozvonUser user) {
        subscriptions.delete(id, user);
        return ResponseEntity.noContent().build();
    }

    /** The subscription's secret, for setting up the receiving side (recorded in the audit journal). */
    @GetMapping("/{id}/secret")
    Map<String, String> secret(@PathVariable long id, @AuthenticationPrincipal DozvonUser user) {
        return Map.of("secret", subscriptions.revealSecret(id, user));
    }

    /** Queues a {@code webhook.test} event for this subscription alone: 202 with its event id. */
    @PostMapping("/{id}/test")
    ResponseEntity<Map<String, String>> test(@PathVariable long id, @AuthenticationPrincipal DozvonUser user) {
        UUID event = subscriptions.test(id, user);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("eventId", event.toString()));
    }

    /** The subscription's deliveries, newest first ({@link ApiPage}), optionally in one state. */
    @GetMapping("/{id}/deliveries")
    ApiPage<DeliveryDto> deliveries(@PathVariable long id, @RequestParam(required = false) String state,
                                    @RequestParam(required = false) String cursor,
                                    @RequestParam(required = false) Integer limit) {
        subscriptions.require(id);
        int size = ApiPage.limit(limit);
        return ApiPage.of(subscriptions.deliveries(id, state(state), ApiCursor.decodeId(cursor), size + 1), size,
                DeliveryDto::of, d -> new Object[] {d.id()});
    }

    @GetMapping("/deliveries/{deliveryId}")
    DeliveryDto delivery(@PathVariable long deliveryId) {
        return DeliveryDto.of(subscriptions.delivery(deliveryId));
    }

    /**
     * Sends a FAILED (or DELIVERED) delivery again: PENDING at once, with the same event id and body, retried for 24 h
     * again; 409 when it waits to be sent already.
     */
    @PostMapping("/deliveries/{deliveryId}/redeliver")
    DeliveryDto redeliver(@PathVariable long deliveryId, @AuthenticationPrincipal DozvonUser user) {
        return DeliveryDto.of(subscriptions.redeliver(deliveryId, user));
    }

    private WebhookDto dto(long id, String secret) {
        Subscription subscription = subscriptions.require(id);
        return WebhookDto.of(subscription, subscriptions.counts().getOrDefault(id, SubscriptionStore.DeliveryCounts.NONE),
                secret);
    }

    static Delivery.State state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return Delivery.State.valueOf(state.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("state", "webhooks.error.state", state);
        }
    }

    /**
     * A subscription as the API takes it.
     *
     * @param eventTypes names such as {@code contact.finished}
     * @param campaignId only this campaign's events; absent or null: every campaign's (and imports')
     * @param active     absent: true
     * @param secret     16–200 characters without spaces; absent: made up (create) or kept (change)
     * @param newSecret  on a change, make up a new secret
     */
    record WebhookRequest(String name, String url, String secret, List<String> eventTypes, Long campaignId,
                          Boolean active, Boolean newSecret) {

        Subscriptions.Form form() {
            return new Subscriptions.Form(name, url, secret, eventTypes, campaignId, active == null || active,
                    Boolean.TRUE.equals(newSecret));
        }
    }

    /**
     * A subscription as the API shows it.
     *
     * @param secret only in the answer to the request that set it
     */
    record WebhookDto(long id, String name, String url, List<String> eventTypes, Long campaignId, boolean active,
                      long pendingDeliveries, long failedDeliveries, Instant createdAt, Instant updatedAt,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

        static WebhookDto of(Subscription s, SubscriptionStore.DeliveryCounts counts, String secret) {
            return new WebhookDto(s.id(), s.name(), s.url(), s.eventCodes(), s.campaignId(), s.active(), counts.pending(),
                    counts.failed(), s.createdAt(), s.updatedAt(), secret);
        }
    }

    /** A delivery as the API shows it; {@code payload} is the exact body posted. */
    record DeliveryDto(long id, long webhookId, UUID eventId, String eventType, Long campaignId, String state,
                       int attempts, Integer lastStatus, String lastError, Instant lastAttemptAt, Instant nextAttemptAt,
                       Instant retryUntil, Instant deliveredAt, Instant occurredAt, Instant createdAt, String payload) {

        static DeliveryDto of(Delivery d) {
            return new DeliveryDto(d.id(), d.subscriptionId(), d.eventId(), d.eventType(), d.campaignId(), d.state().name(),
                    d.attempts(), d.lastStatus(), d.lastError(), d.lastAttemptAt(),
                    d.state() == Delivery.State.PENDING ? d.nextAttemptAt() : null, d.retryUntil(), d.deliveredAt(),
                    d.occurredAt(), d.createdAt(), d.payload());
        }
    }
}
