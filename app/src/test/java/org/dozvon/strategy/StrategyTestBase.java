package org.dozvon.strategy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.TestDataDirectories;
import org.dozvon.campaigns.OutcomeCategory;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strategy tests drive real processes on virtual time: Camunda's job executor is off in this context (an
 * application of its own, beside {@link ApplicationTestBase}'s, with its own data directory),
 * and the test runs each due job itself, in due-date order, with {@link StrategyClock} at the job's due
 * time — "moving the clock" instead of sleeping. Contacts and campaigns are made through the real API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
abstract class StrategyTestBase {

    static final String ADMIN_PASSWORD = ApplicationTestBase.ADMIN_PASSWORD;
    private static final java.nio.file.Path DATA_DIR = TestDataDirectories.fresh("strategy");

    @LocalServerPort
    int port;

    /** A Monday, 09:00 in Moscow: years after the real clock, so nothing real ever fires these timers. */
    static final Instant MONDAY_9 = Instant.parse("2031-03-03T06:00:00Z");

    @DynamicPropertySource
    static void jobsRunByTheTests(DynamicPropertyRegistry registry) {
        registry.add("camunda.bpm.job-execution.enabled", () -> "false");
        registry.add("dozvon.database.data-dir", DATA_DIR::toString);
        registry.add("dozvon.access.admin-password", () -> ADMIN_PASSWORD);
        ApplicationTestBase.UNLIMITED_API.forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    StrategyClock clock;
    @Autowired
    StrategyOutcomes outcomes;
    @Autowired
    JdbcClient jdbc;

    final ObjectMapper json = new ObjectMapper();
    String suffix;

    @BeforeEach
    void suffix() {
        suffix = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    PortalClient portal() {
        return new PortalClient(port);
    }

    HttpResponse<String> send(String method, String path, String body) {
        return portal().apiSend(method, path, body, "admin", ADMIN_PASSWORD);
    }

    /** A list with two phone fields (mobile, work) and an e-mail field, holding one contact; its id. */
    long contact(String mobile, String work, String email) throws Exception {
        send("POST", "/api/v1/contact-fields", "{\"code\": \"mobile_%s\", \"name\": \"Mobile %1$s\", \"type\": \"PHONE\"}".formatted(suffix));
        send("POST", "/api/v1/contact-fields", "{\"code\": \"work_%s\", \"name\": \"Work %1$s\", \"type\": \"PHONE\"}".formatted(suffix));
        send("POST", "/api/v1/contact-fields", "{\"code\": \"email_%s\", \"name\": \"E-mail %1$s\", \"type\": \"EMAIL\"}".formatted(suffix));
        HttpResponse<String> list = send("POST", "/api/v1/contact-lists", """
                {"name": "Strategy %1$s", "fields": [{"code": "mobile_%1$s"}, {"code": "work_%1$s"}, {"code": "email_%1$s"}]}"""
                .formatted(suffix));
        assertThat(list.statusCode()).as(list.body()).isEqualTo(201);
        listId = json.readTree(list.body()).get("id").asLong();
        StringBuilder values = new StringBuilder("{\"mobile_" + suffix + "\": \"" + mobile + "\"");
        if (work != null) {
            values.append(", \"work_").append(suffix).append("\": \"").append(work).append('"');
        }
        if (email != null) {
            values.append(", \"email_").append(suffix).append("\": \"").append(email).append('"');
        }
        HttpResponse<String> added = send("POST", "/api/v1/contact-lists/" + listId + "/contacts", "[" + values + "}]");
        assertThat(json.readTree(added.body()).get("inserted").asInt()).as(added.body()).isEqualTo(1);
        return json.readTree(send("GET", "/api/v1/contact-lists/" + listId + "/contacts", null).body())
                .get("items").get(0).get("id").asLong();
    }

    long listId;

    /**
     * A campaign of the standard strategy on the last contact's list, open 09:00–21:00 every day in Moscow
     * from {@link #MONDAY_9}, with extra settings as JSON members; started.
     */
    long startedCampaign(String extra) throws Exception {
        return startedCampaign("standard", extra);
    }

    /** The same with a strategy of the test's own. */
    long startedCampaign(String strategyKey, String extra) throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/campaigns", """
                {"name": "Strategy %s", "strategyKey": "%s", "lists": [%d], "timeZoneMode": "CAMPAIGN",
                 "timeZone": "Europe/Moscow", "startsAt": "%s",
                 "callingHours": {"WORKDAY": [{"from": "09:00", "to": "21:00"}], "WEEKEND": [{"from": "09:00", "to": "21:00"}],
                                  "HOLIDAY": [{"from": "09:00", "to": "21:00"}]}%s}"""
                .formatted(suffix, strategyKey, listId, MONDAY_9, extra.isEmpty() ? "" : ", " + extra));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json.readTree(created.body()).get("id").asLong();
        HttpResponse<String> started = send("POST", "/api/v1/campaigns/" + id + "/start", null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        return id;
    }

    /** The contact's process, once the campaign's intake (a worker of its own) has started it. */
    String process(long campaignId, long contactId) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Optional<String> instance = jdbc.sql("select process_instance_id from campaign_contact where campaign_id = :c"
                            + " and contact_id = :k and process_instance_id is not null")
                    .param("c", campaignId).param("k", contactId).query(String.class).optional();
            if (instance.isPresent()) {
                return instance.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("campaign " + campaignId + " did not take contact " + contactId);
    }

    /** Runs the process's jobs that are due by {@code until}, each at its own due time, earliest first. */
    void runUntil(String instance, Instant until) {
        while (true) {
            Optional<Job> next = management.createJobQuery().processInstanceId(instance).list().stream()
                    .filter(job -> job.getRetries() > 0)
                    .filter(job -> job.getDuedate() == null || !job.getDuedate().toInstant().isAfter(until))
                    .min(Comparator.comparing(job -> job.getDuedate() == null ? new Date(0) : job.getDuedate()));
            if (next.isEmpty()) {
                return;
            }
            Instant at = next.get().getDuedate() == null ? now : next.get().getDuedate().toInstant();
            now = at.isAfter(now) ? at : now;
            clock.at(now, () -> {
                try {
                    management.executeJob(next.get().getId());
                } catch (OptimisticLockingException e) {
                    // taken by a concurrent wake-up; look again
                }
                return null;
            });
        }
    }

    Instant now = MONDAY_9;

    /** Reports the outcome of the process's current attempt at {@code at}, then runs what became due. */
    StrategyOutcomes.Result outcome(String instance, Instant at, OutcomeCategory outcome, String code, Instant callbackAt) {
        now = at;
        long attempt = attemptId(instance);
        StrategyOutcomes.Result result = clock.at(at, () -> outcomes.report(attempt, outcome, code, callbackAt));
        runUntil(instance, at);
        return result;
    }

    long attemptId(String instance) {
        return ((Number) runtime.getVariable(instance, "attemptId")).longValue();
    }

    Object variable(String instance, String name) {
        return runtime.getVariable(instance, name);
    }

    /** The process's dial requests: phone, state, due time, priority, oldest first. */
    List<Map<String, Object>> requests(long campaignId, long contactId) {
        return new ArrayList<>(jdbc.sql("select id, phone, state, due_at, priority, outcome from dial_request"
                        + " where campaign_id = :c and contact_id = :k order by id")
                .param("c", campaignId).param("k", contactId).query().listOfRows());
    }

    String finalStatus(long campaignId, long contactId) {
        return jdbc.sql("select final_status from campaign_contact where campaign_id = :c and contact_id = :k")
                .param("c", campaignId).param("k", contactId).query(String.class).optional().orElse(null);
    }

    /** Whether the process waits for a call outcome, its window, or has ended. */
    String waitingIn(String instance) {
        if (runtime.createProcessInstanceQuery().processInstanceId(instance).count() == 0) {
            return "ENDED";
        }
        return String.join(",", runtime.getActiveActivityIds(instance));
    }

    Instant dueOfWindow(String instance) {
        return management.createJobQuery().processInstanceId(instance).activityId(CampaignIntake.WINDOW_TIMER)
                .singleResult().getDuedate().toInstant();
    }

    static Instant plus(Instant at, Duration duration) {
        return at.plus(duration);
    }
}
