package org.dozvon.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.access.Permission;
import org.dozvon.access.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** A page's one SSE connection receives the fragments meant for its user, and only those. */
class LiveUpdateHubTests extends ApplicationTestBase {

    @Autowired
    LiveUpdates liveUpdates;

    @Autowired
    ApplicationContext context;

    @Test
    void fragmentsReachOnlyTheUsersEntitledToThem() throws Exception {
        new TestUsers(context).ensure("live-supervisor", "Live-Password-1", false, "SUPERVISOR");
        PortalClient portal = portal();
        portal.login("live-supervisor", "Live-Password-1");
        int before = liveUpdates.connections();

        HttpResponse<InputStream> stream = portal.http().send(
                HttpRequest.newBuilder(portal.uri("/live")).header("Accept", "text/event-stream")
                        .timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));

        try (BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertThat(events.readLine()).isEqualTo(":connected");
            assertThat(liveUpdates.connections()).isEqualTo(before + 1);

            liveUpdates.publish("settings-changed", "<p>secret</p>", Permission.SETTINGS_VIEW);
            liveUpdates.publishToUser("someone-else", "personal", "<p>not yours</p>");
            liveUpdates.publish("campaign-7", "<tr>\n  <td>Campaign 7</td>\n</tr>", Permission.MONITORING_VIEW);

            List<String> received = readThroughEvent(events, "event:campaign-7");
            assertThat(received).as("everything after connecting, heartbeats aside").containsExactly(
                    "event:campaign-7", "data:<tr>", "data:  <td>Campaign 7</td>", "data:</tr>");
        }
    }

    @Test
    void aPageThatWentAwayNeverMakesThePublisherFail() throws Exception {
        new TestUsers(context).ensure("live-leaver", "Live-Password-1", false, "SUPERVISOR");
        PortalClient portal = portal();
        portal.login("live-leaver", "Live-Password-1");
        int before = liveUpdates.connections();
        HttpResponse<InputStream> stream = portal.http().send(
                HttpRequest.newBuilder(portal.uri("/live")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        stream.body().close(); // the browser navigated away

        // until the hub notices, every publish may meet the dead connection; none may throw
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (liveUpdates.connections() > before && System.nanoTime() < deadline) {
            liveUpdates.publish("import-1", "<div>" + "x".repeat(8192) + "</div>", Permission.MONITORING_VIEW);
            Thread.sleep(50); // waiting for the server to see the closed socket, not measuring anything
        }

        assertThat(liveUpdates.connections()).as("the dead page was dropped").isLessThan(before + 1);
    }

    @Test
    void liveConnectionNeedsALogin() {
        HttpResponse<String> anonymous = portal().get("/live", "text/event-stream");

        assertThat(anonymous.statusCode()).isEqualTo(302);
    }

    /**
     * Every non-empty, non-comment line received until the event starting with {@code lastEvent} is
     * complete: whatever else arrived before it is in the list too.
     */
    private static List<String> readThroughEvent(BufferedReader events, String lastEvent) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            List<String> lines = new ArrayList<>();
            boolean inLastEvent = false;
            try {
                String line;
                while ((line = events.readLine()) != null) {
                    if (line.startsWith(":")) {
                        continue;
                    }
                    if (line.isEmpty()) {
                        if (inLastEvent) {
                            return lines;
                        }
                        continue;
                    }
                    inLastEvent |= line.equals(lastEvent);
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return lines;
        }).get(20, TimeUnit.SECONDS);
    }
}
