package org.dozvon.dialing;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dozvon.PortalClient;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Contacts and running campaigns made through the real API, and what became of their calls. */
public final class DialingFixture {

    private final PortalClient portal;
    private final String password;
    private final JdbcClient jdbc;
    private final ObjectMapper json = new ObjectMapper();
    public final String suffix = "d" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    public DialingFixture(int port, String password, JdbcClient jdbc) {
        this.portal = new PortalClient(port);
        this.password = password;
        this.jdbc = jdbc;
    }

    public HttpResponse<String> send(String method, String path, String body) {
        return portal.apiSend(method, path, body, "admin", password);
    }

    /** A list of {@code count} contacts with one mobile phone each; the list's id. */
    public long list(int count) throws Exception {
        send("POST", "/api/v1/contact-fields", "{\"code\": \"mobile_%s\", \"name\": \"Mobile %1$s\", \"type\": \"PHONE\"}"
                .formatted(suffix));
        HttpResponse<String> list = send("POST", "/api/v1/contact-lists",
                "{\"name\": \"Dialing %1$s\", \"fields\": [{\"code\": \"mobile_%1$s\"}]}".formatted(suffix));
        assertThat(list.statusCode()).as(list.body()).isEqualTo(201);
        long listId = json.readTree(list.body()).get("id").asLong();
        StringBuilder contacts = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            contacts.append(i == 0 ? "" : ",").append("{\"mobile_").append(suffix).append("\": \"+7900")
                    .append(String.format("%07d", Math.floorMod(suffix.hashCode(), 1000) * 1000 + i)).append("\"}");
        }
        HttpResponse<String> added = send("POST", "/api/v1/contact-lists/" + listId + "/contacts", contacts + "]");
        assertThat(json.readTree(added.body()).get("inserted").asInt()).as(added.body()).isEqualTo(count);
        return listId;
    }

    /** A campaign of the standard strategy on the list, open all day every day, with extra JSON members; started. */
    public long startedCampaign(long listId, String extra) throws Exception {
        String allDay = "[{\"from\": \"00:00\", \"to\": \"12:00\"}, {\"from\": \"12:00\", \"to\": \"00:00\"}]";
        HttpResponse<String> created = send("POST", "/api/v1/campaigns", """
                {"name": "Dialing %s", "strategyKey": "standard", "lists": [%d], "timeZoneMode": "CAMPAIGN",
                 "timeZone": "Europe/Moscow",
                 "callingHours": {"WORKDAY": %s, "WEEKEND": %3$s, "HOLIDAY": %3$s}%s}"""
                .formatted(suffix, listId, allDay, extra.isEmpty() ? "" : ", " + extra));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json.readTree(created.body()).get("id").asLong();
        HttpResponse<String> started = send("POST", "/api/v1/campaigns/" + id + "/start", null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        return id;
    }

    public JsonNode read(String body) throws Exception {
        return json.readTree(body);
    }

    /** The campaign's call attempts joined with their dial requests, oldest first. */
    public List<Map<String, Object>> attempts(long campaignId) {
        return jdbc.sql("""
                        select a.dial_request_id, a.call_id, a.node, a.connector_id, a.number, a.caller_id, a.queued_at,
                               a.originated_at, a.answered_at, a.bridged_at, a.ended_at, a.outcome, a.originate_reason,
                               a.hangup_cause, a.amd_status, a.detail, r.state, r.outcome as request_outcome
                        from call_attempt a join dial_request r on r.id = a.dial_request_id
                        where a.campaign_id = :c order by a.dial_request_id""")
                .param("c", campaignId).query().listOfRows();
    }

    public long count(String sql, long campaignId) {
        return jdbc.sql(sql).param("c", campaignId).query(Long.class).single();
    }

    /** Waits (not a timed assertion: the condition decides, the timeout only ends a hung test). */
    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still waiting for " + what + " after " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
