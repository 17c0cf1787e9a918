package org.dozvon.strategy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.dozvon.dialing.DialingFixture;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dozvon.campaigns.OutcomeCategory.ANSWERED;

/**
 * A CRM steers running contacts through {@code /api/v1/contacts} and the CRM status mapping, with real processes on
 * virtual time: postponed, held and released, finished by a final status, cancelled in one campaign or in all, a phone
 * or a number blocked, an agent's result taken as a wrap-up. The API runs on the real clock (years before the
 * strategies' virtual time), so every hold here lies ahead of it.
 */
class ContactControlTests extends StrategyTestBase {

    static final String MOBILE = StandardStrategyTests.MOBILE;
    static final String WORK = StandardStrategyTests.WORK;

    @Autowired
    StrategyDecisions decisions;

    @Test
    void aPostponedContactIsNotDialledBeforeItsTimeAndIsDialledAfter() throws Exception {
        long contact = contact(MOBILE, null, null);
        long campaign = startedCampaign("");
        String instance = process(campaign, contact);
        String postpone = crmStatus("POSTPONE", "\"postponeMinutes\": 60");
        Instant until = MONDAY_9.plus(Duration.ofHours(2));

        HttpResponse<String> changed = send("PATCH", "/api/v1/contacts/" + contact,
                "{\"crmStatus\": \"%s\", \"postponeUntil\": \"%s\"}".formatted(postpone, until));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode place = campaignOf(json.readTree(changed.body()), campaign);
        assertThat(place.get("status").asText()).isEqualTo("POSTPONED");
        assertThat(Instant.parse(place.get("postponedUntil").asText())).isEqualTo(until);
        assertThat(json.readTree(changed.body()).get("crmStatus").asText()).isEqualTo(postpone);

        runUntil(instance, MONDAY_9.plus(Duration.ofHours(1)));
        assertThat(requests(campaign, contact)).as("not dialled before its time").isEmpty();
        assertThat(dueOfWindow(instance)).isEqualTo(until);

        runUntil(instance, until);
        assertThat(requests(campaign, contact)).extracting(r -> r.get("state")).containsExactly("QUEUED");
        assertThat(((java.sql.Timestamp) requests(campaign, contact).get(0).get("due_at")).toInstant()).isEqualTo(until);
    }

    @Test
    void aContactNotToBeTouchedWaitsUntilAStatusThatCallsWakesIt() throws Exception {
        long contact = contact(MOBILE, null, null);
        long campaign = startedCampaign("");
        String instance = process(campaign, contact);
        String doNotTouch = crmStatus("DO_NOT_TOUCH", "");
        String call = crmStatus("CALL", "");

        assertThat(patch(contact, "{\"crmStatus\": \"%s\"}".formatted(doNotTouch)).statusCode()).isEqualTo(200);
        runUntil(instance, MONDAY_9.plus(Duration.ofDays(2)));
        assertThat(requests(campaign, contact)).as("held for two days").isEmpty();
        assertThat(waitingIn(instance)).isEqualTo(CampaignIntake.WINDOW_TIMER);
        JsonNode held = campaignOf(lookup(contact), campaign);
        assertThat(held.get("status").asText()).isEqualTo("ON_HOLD");
        assertThat(held.get("step").get("activityId").asText()).isEqualTo(CampaignIntake.WINDOW_TIMER);

        HttpResponse<String> released = patch(contact, "{\"crmStatus\": \"%s\"}".formatted(call));
        assertThat(campaignOf(json.readTree(released.body()), campaign).get("status").asText()).isEqualTo("ACTIVE");
        runUntil(instance, now);
        assertThat(requests(campaign, contact)).as("woken at once").extracting(r -> r.get("state")).containsExactly("QUEUED");
        assertThat(waitingIn(instance)).isEqualTo("Gateway_WaitOutcome");
    }

    @Test
    void aFinalStatusFinishesTheContactWithTheMappedFinalStatus() throws Exception {
        long contact = contact(MOBILE, null, null);
        long campaign = startedCampaign("");
        String instance = process(campaign, contact);
        runUntil(instance, MONDAY_9);
        String refused = crmStatus("FINAL", "\"finalStatus\": \"FAILURE\"");

        HttpResponse<String> changed = patch(contact, "{\"crmStatus\": \"%s\"}".formatted(refused));

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(waitingIn(instance)).isEqualTo("ENDED");
        assertThat(finalStatus(campaign, contact)).isEqualTo("FAILURE");
        assertThat(requests(campaign, contact)).extracting(r -> r.get("state")).as("its queued call cancelled")
                .containsExactly("CANCELLED");
        JsonNode place = campaignOf(json.readTree(changed.body()), campaign);
        assertThat(place.get("status").asText()).isEqualTo("FINISHED");
        assertThat(place.get("finalStatus").asText()).isEqualTo("FAILURE");
        assertThat(place.get("step").isNull()).isTrue();
        String call = crmStatus("CALL", "");
        patch(contact, "{\"crmStatus\": \"%s\"}".formatted(call));
        assertThat(finalStatus(campaign, contact)).as("a status that calls leaves a finished contact finished")
                .isEqualTo("FAILURE");
    }

    @Test
    void cancellingInOneCampaignLeavesTheOthersAndCancellingInAllReachesCampaignsNotStartedYet() throws Exception {
        long contact = contact(MOBILE, null, null);
        long first = campaign("First");
        long second = campaign("Second");
        long later = campaign("Later");
        assertThat(send("POST", "/api/v1/campaigns/" + first + "/start", null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/campaigns/" + second + "/start", null).statusCode()).isEqualTo(200);
        String firstInstance = process(first, contact);
        String secondInstance = process(second, contact);

        HttpResponse<String> one = send("POST", "/api/v1/contacts/" + contact + "/cancel",
                "{\"campaignId\": %d, \"reason\": \"Paid at the branch\"}".formatted(first));
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(waitingIn(firstInstance)).isEqualTo("ENDED");
        assertThat(finalStatus(first, contact)).isEqualTo("CANCELLED");
        assertThat(waitingIn(secondInstance)).as("the other campaign goes on").isEqualTo(CampaignIntake.WINDOW_TIMER);
        assertThat(campaignOf(json.readTree(one.body()), second).get("status").asText()).isEqualTo("ACTIVE");

        assertThat(send("POST", "/api/v1/contacts/" + contact + "/cancel", null).statusCode()).isEqualTo(200);
        assertThat(waitingIn(secondInstance)).isEqualTo("ENDED");
        assertThat(finalStatus(second, contact)).isEqualTo("CANCELLED");

        assertThat(send("POST", "/api/v1/campaigns/" + later + "/start", null).statusCode()).isEqualTo(200);
        DialingFixture.await("the later campaign's intake walked its list", Duration.ofSeconds(30), () -> jdbc.sql(
                        "select coalesce((select done from campaign_intake where campaign_id = :c), false)")
                .param("c", later).query(Boolean.class).single());
        Map<String, Object> row = jdbc.sql("select state, final_status, process_instance_id from campaign_contact"
                        + " where campaign_id = :c and contact_id = :k").param("c", later).param("k", contact)
                .query().singleRow();
        assertThat(row).containsEntry("state", "FINISHED").containsEntry("final_status", "CANCELLED")
                .containsEntry("process_instance_id", null);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'contact.cancel' and object_id = :k")
                .param("k", String.valueOf(contact)).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aContactBlockedInEveryCampaignFinishesAsDoNotCallAndNoCampaignMadeLaterTakesIt() throws Exception {
        long contact = contact(MOBILE, null, null);
        long campaign = startedCampaign("");
        String instance = process(campaign, contact);

        HttpResponse<String> blocked = send("POST", "/api/v1/contacts/" + contact + "/block",
                "{\"reason\": \"Asked never to be called\"}");

        assertThat(blocked.statusCode()).as(blocked.body()).isEqualTo(200);
        assertThat(waitingIn(instance)).isEqualTo("ENDED");
        assertThat(finalStatus(campaign, contact)).isEqualTo("DO_NOT_CALL");
        JsonNode answer = json.readTree(blocked.body());
        assertThat(answer.get("blocked").get("reason").asText()).isEqualTo("Asked never to be called");
        long later = campaign("After");
        assertThat(send("POST", "/api/v1/campaigns/" + later + "/start", null).statusCode()).isEqualTo(200);
        DialingFixture.await("the later campaign's intake walked its list", Duration.ofSeconds(30), () -> jdbc.sql(
                        "select coalesce((select done from campaign_intake where campaign_id = :c), false)")
                .param("c", later).query(Boolean.class).single());
        assertThat(jdbc.sql("select count(*) from campaign_contact where campaign_id = :c").param("c", later)
                .query(Long.class).single()).as("a blocked contact is selected by no campaign").isZero();
    }

    @Test
    void aBlockedPhoneIsSkippedByTheNextPlanAndItsQueuedCallCancelled() throws Exception {
        long contact = contact(MOBILE, WORK, null);
        long campaign = startedCampaign("");
        String instance = process(campaign, contact);
        runUntil(instance, MONDAY_9);
        assertThat(requests(campaign, contact)).extracting(r -> r.get("phone")).containsExactly(MOBILE);

        HttpResponse<String> blocked = send("POST", "/api/v1/contacts/" + contact + "/phones/" + MOBILE + "/block",
                "{\"campaignId\": %d, \"reason\": \"Not the client's number\"}".formatted(campaign));
        assertThat(blocked.statusCode()).as(blocked.body()).isEqualTo(200);
        JsonNode mobile = json.readTree(blocked.body()).get("phones").get(0);
        assertThat(mobile.get("blocks").get(0).get("scope").asText()).isEqualTo("CONTACT");
        assertThat(mobile.get("blocks").get(0).get("campaignId").asLong()).isEqualTo(campaign);

        runUntil(instance, now);
        List<Map<String, Object>> requests = requests(campaign, contact);
        assertThat(requests).extracting(r -> r.get("phone")).containsExactly(MOBILE, WORK);
        assertThat(requests).extracting(r -> r.get("state")).containsExactly("CANCELLED", "QUEUED");
    }

    @Test
    void aNumberBlockedForEveryoneFinishesAContactWithNoOtherPhoneAsDoNotCall() throws Exception {
        String number = "+7912" + String.format("%07d", Math.floorMod(suffix.hashCode(), 10_000_000));
        long contact = contact(number, null, null);
        long campaign = startedCampaign("");
        String instance = process(campaign, contact);

        HttpResponse<String> created = send("POST", "/api/v1/phone-blocks", "{\"number\": \"%s\"}".formatted(number));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        runUntil(instance, MONDAY_9);

        assertThat(waitingIn(instance)).isEqualTo("ENDED");
        assertThat(finalStatus(campaign, contact)).isEqualTo("DO_NOT_CALL");
        assertThat(requests(campaign, contact)).isEmpty();
        long id = json.readTree(created.body()).get("id").asLong();
        assertThat(send("DELETE", "/api/v1/phone-blocks/" + id, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/v1/phone-blocks/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void anAgentResultIsSettledAsAWrapUpAndTheDecisionTablesActionApplies() throws Exception {
        long contact = contact(MOBILE, null, null);
        long campaign = startedCampaign("");
        String instance = process(campaign, contact);
        runUntil(instance, MONDAY_9);
        Instant agreed = MONDAY_9.plus(Duration.ofHours(5));

        HttpResponse<String> callback = send("POST", "/api/v1/contacts/" + contact + "/agent-result",
                "{\"campaignId\": %d, \"code\": \"CALLBACK\", \"comment\": \"Call me at two\", \"callbackAt\": \"%s\"}"
                        .formatted(campaign, agreed));

        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(200);
        assertThat(dueOfWindow(instance)).as("the table's callback rule: at the agreed time").isEqualTo(agreed);
        assertThat(requests(campaign, contact)).extracting(r -> r.get("state")).as("the queued call cancelled, the result kept")
                .containsExactly("CANCELLED", "SETTLED");
        long attempt = json.readTree(callback.body()).get("attemptId").asLong();
        JsonNode history = campaignOf(json.readTree(callback.body()).get("contact"), campaign).get("history");
        assertThat(history.get(0).get("id").asLong()).isEqualTo(attempt);
        assertThat(history.get(0).get("kind").asText()).isEqualTo("EXTERNAL");
        assertThat(history.get(0).get("completionCode").asText()).isEqualTo("CALLBACK");
        assertThat(history.get(0).get("comment").asText()).isEqualTo("Call me at two");
        assertThat(history.get(0).get("operator").asText()).isEqualTo("admin");
        if (decisions.recorded()) {
            assertThat(decisions.forAttempt(attempt)).as("the decision it led to, on its call card")
                    .singleElement().satisfies(d -> assertThat(d.toString()).contains("CALLBACK"));
        }

        HttpResponse<String> sold = send("POST", "/api/v1/contacts/" + contact + "/agent-result",
                "{\"campaignId\": %d, \"code\": \"SALE\"}".formatted(campaign));
        assertThat(sold.statusCode()).as(sold.body()).isEqualTo(200);
        assertThat(waitingIn(instance)).isEqualTo("ENDED");
        assertThat(finalStatus(campaign, contact)).as("the table's rule for successful codes").isEqualTo("SUCCESS");

        HttpResponse<String> again = send("POST", "/api/v1/contacts/" + contact + "/agent-result",
                "{\"campaignId\": %d, \"code\": \"SALE\"}".formatted(campaign));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json.readTree(again.body()).get("reason").asText()).isEqualTo("FINISHED");
    }

    @Test
    void anAgentResultWaitsForACallInProgressAndACodeOutsideTheCampaignsGroupIsRefused() throws Exception {
        long contact = contact(MOBILE, null, null);
        long campaign = startedCampaign("");
        String instance = process(campaign, contact);
        runUntil(instance, MONDAY_9);
        jdbc.sql("update dial_request set state = 'DIALING' where id = :id").param("id", attemptId(instance)).update();

        HttpResponse<String> inCall = send("POST", "/api/v1/contacts/" + contact + "/agent-result",
                "{\"campaignId\": %d, \"code\": \"SALE\"}".formatted(campaign));
        assertThat(inCall.statusCode()).as(inCall.body()).isEqualTo(409);
        assertThat(json.readTree(inCall.body()).get("reason").asText()).isEqualTo("IN_CALL");

        HttpResponse<String> system = send("POST", "/api/v1/contacts/" + contact + "/agent-result",
                "{\"campaignId\": %d, \"code\": \"NO_ANSWER\"}".formatted(campaign));
        assertThat(system.statusCode()).isEqualTo(422);
        assertThat(json.readTree(system.body()).get("errors").has("code")).isTrue();
    }

    @Test
    void theOutcomeOfACallThatWentOnAfterItsContactWasCancelledIsRecordedAndRevivesNothing() throws Exception {
        long contact = contact(MOBILE, null, null);
        long campaign = startedCampaign("");
        String instance = process(campaign, contact);
        runUntil(instance, MONDAY_9);
        long attempt = attemptId(instance);
        jdbc.sql("update dial_request set state = 'DIALING' where id = :id").param("id", attempt).update();

        assertThat(send("POST", "/api/v1/contacts/" + contact + "/block",
                "{\"campaignId\": %d}".formatted(campaign)).statusCode()).isEqualTo(200);
        assertThat(waitingIn(instance)).isEqualTo("ENDED");
        assertThat(requests(campaign, contact)).extracting(r -> r.get("state")).as("the call is left to end")
                .containsExactly("DIALING");

        StrategyOutcomes.Result result = clock.at(MONDAY_9.plusSeconds(40),
                () -> outcomes.report(attempt, ANSWERED, "SALE", null));

        assertThat(result).isEqualTo(StrategyOutcomes.Result.IGNORED);
        assertThat(requests(campaign, contact)).extracting(r -> r.get("state")).containsExactly("SETTLED");
        assertThat(finalStatus(campaign, contact)).isEqualTo("DO_NOT_CALL");
    }

    // ---------------------------------------------------------------------------------------------

    /** A CRM status of this test with the given action and extra members; its code. */
    String crmStatus(String action, String extra) throws Exception {
        String code = action.toLowerCase() + "-" + suffix;
        HttpResponse<String> created = send("POST", "/api/v1/crm-statuses", """
                {"code": "%s", "name": "%s %s", "action": "%s"%s}""".formatted(code, action, suffix, action,
                extra.isEmpty() ? "" : ", " + extra));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return code;
    }

    /** A campaign like {@link #startedCampaign}'s, named after {@code name}, not started. */
    long campaign(String name) throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/campaigns", """
                {"name": "%s %s", "strategyKey": "standard", "lists": [%d], "timeZoneMode": "CAMPAIGN",
                 "timeZone": "Europe/Moscow", "startsAt": "%s",
                 "callingHours": {"WORKDAY": [{"from": "09:00", "to": "21:00"}], "WEEKEND": [{"from": "09:00", "to": "21:00"}],
                                  "HOLIDAY": [{"from": "09:00", "to": "21:00"}]}}"""
                .formatted(name, suffix, listId, MONDAY_9));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asLong();
    }

    HttpResponse<String> patch(long contact, String body) {
        HttpResponse<String> response = send("PATCH", "/api/v1/contacts/" + contact, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    JsonNode lookup(long contact) throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/contacts/" + contact, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    static JsonNode campaignOf(JsonNode contact, long campaignId) {
        for (JsonNode place : contact.get("campaigns")) {
            if (place.get("campaignId").asLong() == campaignId) {
                return place;
            }
        }
        throw new AssertionError("campaign " + campaignId + " not in " + contact);
    }
}
