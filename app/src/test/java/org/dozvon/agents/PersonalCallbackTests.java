package org.dozvon.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.dozvon.ApplicationTestBase;
import org.dozvon.access.TestUsers;
import org.dozvon.campaigns.CallbackType;
import org.dozvon.dialing.DialingFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Callbacks set at wrap-up, against the AMI simulator over TCP and the standard strategy: a personal callback waits
 * in the queue for its operator alone (another ready operator of the campaign never takes it), is previewed to that
 * operator once it is ready, and the callback is DONE by that attempt.
 */
class PersonalCallbackTests extends ApplicationTestBase {

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Operators operators;

    private Long campaignId;
    private final java.util.List<Long> loggedIn = new java.util.ArrayList<>();

    @AfterEach
    void stopAndLogOut() throws Exception {
        DialingFixture fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        if (campaignId != null) {
            fixture.send("POST", "/api/v1/campaigns/" + campaignId + "/stop", null);
        }
        DialingFixture.await("operators free", Duration.ofSeconds(30), () -> loggedIn.stream()
                .allMatch(id -> !operators.operator(id).orElseThrow().state().holdsCall()));
        loggedIn.forEach(id -> operators.changeState(id, OperatorState.OFFLINE));
    }

    @Test
    void aPersonalCallbackWaitsForItsOperatorAloneAndIsPreviewedToItOnceItIsReady() throws Exception {
        DialingFixture fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        String username = "pc-" + fixture.suffix;
        new TestUsers(context).ensure(username, "Operator-Pass-1", false, "OPERATOR");
        // Anna wraps up as long as she likes (300 s of her own); Boris, without a user, never wraps up
        Operators.Saved anna = operators.save(null, new Operators.OperatorDraft("Anna " + fixture.suffix,
                operators.userNamed(username).orElseThrow(), "PJSIP/pca" + fixture.suffix, 300, Map.of()));
        assertThat(anna.violations()).isEmpty();
        loggedIn.add(anna.id());
        var group = fixture.send("POST", "/api/v1/code-groups",
                "{\"name\": \"Callbacks %s\", \"codes\": [\"CALLBACK\"]}".formatted(fixture.suffix));
        assertThat(group.statusCode()).as(group.body()).isEqualTo(201);
        assertThat(operators.changeState(anna.id(), OperatorState.READY)).isEqualTo(Operators.StateChange.NOW);
        campaignId = fixture.startedCampaign(fixture.list(8), """
                "completionCodeGroupId": %d,
                "dialing": {"mode": "PROGRESSIVE", "detectMachine": false, "wrapUpSeconds": 0, "previewSeconds": 120}"""
                .formatted(fixture.read(group.body()).get("id").asLong()));

        DialingFixture.await("Anna wrapping up a call", Duration.ofSeconds(90),
                () -> operators.operator(anna.id()).orElseThrow().state() == OperatorState.WRAP_UP);
        long first = operators.operator(anna.id()).orElseThrow().attemptId();
        long contact = jdbc.sql("select contact_id from dial_request where id = :id").param("id", first)
                .query(Long.class).single();
        // she pauses after this call; Boris takes the campaign's other calls meanwhile
        assertThat(operators.changeState(anna.id(), OperatorState.NOT_READY)).isEqualTo(Operators.StateChange.AFTER_CALL);
        Operators.Saved boris = operators.save(null, new Operators.OperatorDraft("Boris " + fixture.suffix, null,
                "PJSIP/pcb" + fixture.suffix, null, Map.of()));
        loggedIn.add(boris.id());
        assertThat(operators.changeState(boris.id(), OperatorState.READY)).isEqualTo(Operators.StateChange.NOW);

        Instant at = Instant.now().plusSeconds(2);
        assertThat(operators.finishWrapUp(anna.id(), first, "CALLBACK", "after lunch", at, CallbackType.PERSONAL)).isTrue();
        Map<String, Object> callback = jdbc.sql("select id, type, operator, window_from, window_to from callback"
                + " where contact_id = :contact and campaign_id = :campaign").param("contact", contact)
                .param("campaign", campaignId).query().singleRow();
        assertThat(callback.get("type")).isEqualTo("PERSONAL");
        assertThat(callback.get("operator")).isEqualTo(username);

        // the strategy calls back at the agreed time: a request for Anna alone
        try {
            DialingFixture.await("the callback's dial request", Duration.ofSeconds(60), () -> jdbc.sql(
                    "select count(*) from dial_request where contact_id = :contact and for_operator = :user")
                    .param("contact", contact).param("user", username).query(Long.class).single() == 1);
        } catch (AssertionError e) {
            throw new AssertionError("requests of the contact: " + jdbc.sql("select id, state, due_at, priority, outcome,"
                    + " completion_code, callback_id, for_operator from dial_request where contact_id = :contact")
                    .param("contact", contact).query().listOfRows() + "; campaign contact " + jdbc.sql(
                    "select state, final_status, next_dial_at from campaign_contact where contact_id = :contact")
                    .param("contact", contact).query().listOfRows() + "; now " + Instant.now(), e);
        }
        long callbackAttempt = jdbc.sql("select id from dial_request where contact_id = :contact and for_operator = :user")
                .param("contact", contact).param("user", username).query(Long.class).single();
        assertThat(jdbc.sql("select callback_id from dial_request where id = :id").param("id", callbackAttempt)
                .query(Long.class).single()).isEqualTo(callback.get("id"));
        // Boris is ready for the campaign all this time, and the dialer ticks many times: the request stays queued
        Thread.sleep(3000);
        assertThat(jdbc.sql("select state from dial_request where id = :id").param("id", callbackAttempt)
                .query(String.class).single()).isEqualTo("QUEUED");
        assertThat(jdbc.sql("select count(*) from call_attempt where dial_request_id = :id").param("id", callbackAttempt)
                .query(Long.class).single()).as("calls placed for the callback").isZero();

        assertThat(operators.changeState(anna.id(), OperatorState.READY)).isEqualTo(Operators.StateChange.NOW);
        DialingFixture.await("Anna previewing her callback", Duration.ofSeconds(30), () -> {
            OperatorView now = operators.operator(anna.id()).orElseThrow();
            return now.state() == OperatorState.PREVIEW && Long.valueOf(callbackAttempt).equals(now.attemptId());
        });
        Map<String, Object> done = jdbc.sql("select status, attempt_id from callback where id = :id")
                .param("id", callback.get("id")).query().singleRow();
        assertThat(done.get("status")).isEqualTo("DONE");
        assertThat(done.get("attempt_id")).isEqualTo(callbackAttempt);
        assertThat(jdbc.sql("select operator_id from call_attempt where dial_request_id = :id").param("id", callbackAttempt)
                .query(Long.class).single()).isEqualTo(anna.id());
    }
}
