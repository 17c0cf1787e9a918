package org.dozvon.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Keeps every open page's SSE connection and fans fragments out to them. Connections are closed
 * first at shutdown, so that graceful shutdown does not wait for pages that never hang up.
 */
@Controller
class LiveUpdateHub implements LiveUpdates, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdateHub.class);
    private static final Duration CONNECTION_LIFETIME = Duration.ofMinutes(30);

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean running;

    @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize("isAuthenticated()")
    SseEmitter connect(@AuthenticationPrincipal DozvonUser user, @RequestParam(required = false) String watch) {
        SseEmitter emitter = new SseEmitter(CONNECTION_LIFETIME.toMillis());
        Subscriber subscriber = new Subscriber(user, emitter, watch == null || watch.isBlank() ? null : watch);
        subscribers.add(subscriber);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(error -> subscribers.remove(subscriber));
        send(subscriber, SseEmitter.event().comment("connected").build());
        return emitter;
    }

    @Override
    public void publish(String event, String html, Permission audience) {
        fanOut(subscriber -> subscriber.user().has(audience), event, html);
    }

    @Override
    public void publishToUser(String username, String event, String html) {
        fanOut(subscriber -> subscriber.user().getUsername().equalsIgnoreCase(username), event, html);
    }

    @Override
    public void publishToWatchers(String topic, String event, String html, Permission audience) {
        fanOut(subscriber -> topic.equals(subscriber.watch()) && subscriber.user().has(audience), event, html);
    }

    @Override
    public int watching(String topic) {
        return (int) subscribers.stream().filter(subscriber -> topic.equals(subscriber.watch())).count();
    }

    @Override
    public int connections() {
        return subscribers.size();
    }

    /** Proxies and browsers drop silent connections; a comment every 15 s keeps them open and finds dead ones. */
    @Scheduled(fixedDelay = 15_000)
    void heartbeat() {
        Set<ResponseBodyEmitter.DataWithMediaType> heartbeat = SseEmitter.event().comment("heartbeat").build();
        subscribers.forEach(subscriber -> send(subscriber, heartbeat));
    }

    private void fanOut(Predicate<Subscriber> audience, String event, String html) {
        // an SSE data line cannot hold a newline: one data line per line, which the browser joins back
        SseEmitter.SseEventBuilder builder = SseEmitter.event().name(event);
        html.lines().forEach(line -> builder.data(line, MediaType.TEXT_HTML));
        Set<ResponseBodyEmitter.DataWithMediaType> message = builder.build();
        subscribers.stream().filter(audience).forEach(subscriber -> send(subscriber, message));
    }

    /**
     * A page that went away is dropped quietly: whatever its connection does, the module that published
     * (an import job, a dialer) never sees an exception from here.
     */
    private void send(Subscriber subscriber, Set<ResponseBodyEmitter.DataWithMediaType> message) {
        try {
            subscriber.emitter().send(message);
        } catch (IOException | RuntimeException gone) {
            log.debug("Dropping a closed live connection of {}", subscriber.user().getUsername());
            subscribers.remove(subscriber);
            try {
                subscriber.emitter().completeWithError(gone);
            } catch (RuntimeException alreadyFinished) {
                // the container has already ended the connection (the browser left the page): nothing to close
            }
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        subscribers.forEach(subscriber -> subscriber.emitter().complete());
        subscribers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown begins. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    /** @param watch the topic the page watches besides what every page gets, null for none */
    private record Subscriber(DozvonUser user, SseEmitter emitter, String watch) {
    }
}
