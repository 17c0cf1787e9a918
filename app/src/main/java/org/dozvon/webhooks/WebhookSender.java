package org.dozvon.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.dozvon.channels.SecretBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Posts the due deliveries of the outbox, on a thread of its own (a slow subscriber never holds the application's
 * scheduled jobs up). Each round leases a batch ({@code for update skip locked}: instances sharing a database never
 * post one delivery at the same time), posts them one by one in the order their events were written, and records each
 * outcome: 2xx is DELIVERED; anything else, a timeout or no connection is tried again after a {@link Backoff} pause,
 * until {@code retryFor} after the event, then FAILED. When a subscriber fails, its other deliveries of the round wait
 * with the failed one (neither counted as an attempt nor posted out of order). A lease outlives the longest post, so
 * a delivery whose sender died mid-post is tried again once the lease ends: at least once, never lost.
 */
@Component
class WebhookSender implements SmartLifecycle {

    static final String USER_AGENT = "Dozvon-Webhooks/1";
    private static final int BATCH = 50;
    private static final Duration PURGE_EVERY = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final DeliveryStore deliveries;
    private final SubscriptionStore subscriptions;
    private final SecretBox secrets;
    private final Clock clock;
    private final WebhooksProperties properties;
    private final Backoff backoff;
    private final HttpClient http;
    private final Object wakeUp = new Object();
    private volatile boolean running;
    private volatile Thread thread;
    private Instant lastPurge;

    WebhookSender(DeliveryStore deliveries, SubscriptionStore subscriptions, SecretBox secrets, Clock clock,
                  WebhooksProperties properties) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.secrets = secrets;
        this.clock = clock;
        this.properties = properties;
        this.backoff = new Backoff(properties.firstRetry(), properties.maxRetry());
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public void start() {
        if (!properties.send() || running) {
            return;
        }
        running = true;
        Thread worker = new Thread(this::loop, "webhook-sender");
        worker.setDaemon(true);
        thread = worker;
        worker.start();
        log.info("Webhook sender started: looks for due deliveries every {}", properties.pollInterval());
    }

    /** Ends after the post in flight, if any: the deliveries leased but not yet posted are put back untouched. */
    @Override
    public void stop() {
        running = false;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        Thread worker = thread;
        if (worker != null) {
            try {
                worker.join(properties.connectTimeout().plus(properties.requestTimeout()).plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            int sent = 0;
            try {
                sent = sendDue();
                purge();
            } catch (RuntimeException e) {
                log.warn("Webhook deliveries not sent this round: {}", e.toString());
            }
            if (sent < BATCH) {
                synchronized (wakeUp) {
                    try {
                        if (running) {
                            wakeUp.wait(Math.max(1, properties.pollInterval().toMillis()));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** One round: leases due deliveries and posts them; answers how many were leased. */
    int sendDue() {
        Instant now = clock.instant();
        List<DeliveryStore.Leased> leased = deliveries.lease(now, now.plus(lease()), BATCH);
        Map<Long, Optional<Subscription>> subscribers = new HashMap<>();
        Map<Long, Instant> waiting = new HashMap<>();
        for (DeliveryStore.Leased delivery : leased) {
            Instant putBackUntil = !running ? clock.instant() : waiting.get(delivery.subscriptionId());
            if (putBackUntil != null) {
                deliveries.putBack(delivery.id(), putBackUntil);
                continue;
            }
            Optional<Subscription> subscriber = subscribers.computeIfAbsent(delivery.subscriptionId(), subscriptions::find);
            if (subscriber.isEmpty()) {
                continue; // deleted meanwhile, its deliveries with it
            }
            Instant next = post(delivery, subscriber.get());
            if (next != null) {
                waiting.put(delivery.subscriptionId(), next);
            }
        }
        return leased.size();
    }

    /** Posts one delivery and records the outcome; answers when its subscriber may be tried again (null: it took it). */
    private Instant post(DeliveryStore.Leased delivery, Subscription subscriber) {
        Integer status = null;
        String error;
        try {
            String secret = secrets.open(subscriber.sealedSecret());
            long timestamp = clock.instant().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(URI.create(subscriber.url()))
                    .timeout(properties.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", USER_AGENT)
                    .header("Dozvon-Event-Id", delivery.eventId().toString())
                    .header("Dozvon-Event-Type", delivery.eventType())
                    .header("Dozvon-Timestamp", String.valueOf(timestamp))
                    .header("Dozvon-Signature", Signatures.header(timestamp, delivery.payload(), secret))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
                    .build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            String answer;
            try (InputStream body = response.body()) {
                answer = new String(body.readNBytes(300), StandardCharsets.UTF_8).strip();
            }
            if (status >= 200 && status < 300) {
                deliveries.delivered(delivery.id(), status, clock.instant());
                return null;
            }
            error = "HTTP " + status + (answer.isEmpty() ? "" : ": " + answer);
        } catch (SecretBox.Unreadable e) {
            error = "The secret cannot be decrypted with this installation's key: type a new secret for the subscription";
        } catch (HttpConnectTimeoutException e) {
            error = "no connection within " + properties.connectTimeout().toMillis() + " ms";
        } catch (HttpTimeoutException e) {
            error = "no answer within " + properties.requestTimeout().toMillis() + " ms";
        } catch (IOException e) {
            error = e.getMessage() == null || e.getMessage().isBlank()
                    ? "cannot connect: " + e.getClass().getSimpleName() : "cannot connect: " + e.getMessage();
        } catch (IllegalArgumentException e) {
            error = "not a valid address: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted by a shutdown";
        }
        Instant now = clock.instant();
        Instant next = backoff.next(delivery.roundAttempts(), now, delivery.retryUntil(),
                () -> ThreadLocalRandom.current().nextDouble());
        deliveries.failedAttempt(delivery.id(), status, error, now, next);
        if (next == null) {
            log.warn("Webhook {} ({}) to '{}' FAILED after {} attempts: {}", delivery.eventId(), delivery.eventType(),
                    subscriber.name(), delivery.attempts(), error);
            return now.plus(properties.firstRetry());
        }
        log.debug("Webhook {} to '{}' failed ({}); next attempt at {}", delivery.eventId(), subscriber.name(), error, next);
        return next;
    }

    /** Longer than any post may take. */
    private Duration lease() {
        return properties.connectTimeout().plus(properties.requestTimeout()).multipliedBy(2).plusSeconds(5);
    }

    private void purge() {
        Instant now = clock.instant();
        if (lastPurge != null && Duration.between(lastPurge, now).compareTo(PURGE_EVERY) < 0) {
            return;
        }
        lastPurge = now;
        int purged = deliveries.purge(now.minus(properties.keep()));
        if (purged > 0) {
            log.info("Webhook delivery log: {} deliveries older than {} forgotten", purged, properties.keep());
        }
    }
}
