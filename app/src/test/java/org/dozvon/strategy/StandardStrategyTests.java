package org.dozvon.strategy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.dozvon.campaigns.OutcomeCategory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dozvon.campaigns.OutcomeCategory.ANSWERED;
import static org.dozvon.campaigns.OutcomeCategory.BUSY;
import static org.dozvon.campaigns.OutcomeCategory.MACHINE;
import static org.dozvon.campaigns.OutcomeCategory.NO_ANSWER;

/** Every path of bpmn/standard-strategy.bpmn with dmn/next-action.dmn, on virtual time. */
class StandardStrategyTests extends StrategyTestBase {

    static final String MOBILE = "+79120000001";
    static final String WORK = "+79120000002";

    @Test
    void aContactWaitsForItsWindowThenTheSamePhoneIsRetriedThenTheNextPhone() throws Exception {
        long contact = contact(MOBILE, WORK, null);
        long campaign = startedCampaign("");
        String instance = process(campaign, contact);
        assertThat(waitingIn(instance)).isEqualTo(CampaignIntake.WINDOW_TIMER);
        assertThat(dueOfWindow(instance)).isEqualTo(MONDAY_9);

        runUntil(instance, MONDAY_9);
        assertThat(waitingIn(instance)).as("waiting for the outcome").isEqualTo("Gateway_WaitOutcome");
        assertThat(requests(campaign, contact)).extracting(r -> r.get("phone")).containsExactly(MOBILE);

        outcome(instance, MONDAY_9.plusSeconds(30), NO_ANSWER, null, null);
        assertThat(dueOfWindow(instance)).as("no answer: again in an hour").isEqualTo(MONDAY_9.plusSeconds(30 + 3600));

        runUntil(instance, MONDAY_9.plus(Duration.ofHours(2)));
        outcome(instance, now.plusSeconds(30), NO_ANSWER, null, null);
        assertThat(variable(instance, "preferredPhone")).as("twice unanswered here: the next phone").isEqualTo(WORK);
        Instant next = dueOfWindow(instance);
        assertThat(next).isEqualTo(now.plusSeconds(1800));

        runUntil(instance, next);
        List<Map<String, Object>> requests = requests(campaign, contact);
        assertThat(requests).extracting(r -> r.get("phone")).containsExactly(MOBILE, MOBILE, WORK);
        assertThat(requests).extracting(r -> r.get("state")).containsExactly("SETTLED", "SETTLED", "QUEUED");
    }

    @Test
    void theThirdUnansweredCallSendsAnSmsAndCallingGoesOn() throws Exception {
        long contact = contact(MOBILE, null, null);
        long campaign = startedCampaign("");
        String instance = process(campaign, contact);
        runUntil(instance, MONDAY_9);
        for (int i = 0; i < 3; i++) {
            outcome(instance, now.plusSeconds(20), NO_ANSWER, null, null);
            runUntil(instance, dueOfWindow(instance));
        }
        List<Map<String, Object>> sms = jdbc.sql("select recipient, status from channel_message where template_code = 'missed_call'"
                        + " and contact_id = :k").param("k", contact).query().listOfRows();
        assertThat(sms).hasSize(1);
        assertThat(sms.get(0)).containsEntry("recipient", MOBILE).containsEntry("status", "SIMULATED");
        assertThat(requests(campaign, contact)).hasSize(4);
        assertThat(waitingIn(instance)).as("waiting for the outcome").isEqualTo("Gateway_WaitOutcome");
    }

    @Test
    void answeringMachinesOnlyEndWithAnEmailAndFailure() throws Exception {
        long contact = contact(MOBILE, null, "client-" + suffix + "@example.org");
        long campaign = startedCampaign("");
        String instance = process(campaign, contact);
        runUntil(instance, MONDAY_9);
        for (int i = 0; i < 4; i++) {
            outcome(instance, now.plusSeconds(20), MACHINE, null, null);
            if (i < 3) {
                runUntil(instance, dueOfWindow(instance));
            }
        }
        assertThat(waitingIn(instance)).isEqualTo("ENDED");
        assertThat(finalStatus(campaign, contact)).isEqualTo("FAILURE");
        assertThat(jdbc.sql("select recipient from channel_message where template_code = 'missed_call_email' and contact_id = :k")
                .param("k", contact).query(String.class).list()).containsExactly("client-" + suffix + "@example.org");
    }

    @Test
    void aCallbackAgreedSoonerThanTheDecisionsDelayIsDialledAtTheAgreedTime() throws Exception {
        long contact = contact(MOBILE, null, null);
        long campaign = startedCampaign("");
        String instance = process(campaign, contact);
        runUntil(instance, MONDAY_9);
        // the table's callback rule waits an hour when no time was agreed; the person asked for 30 minutes
        Instant agreed = MONDAY_9.plus(java.time.Duration.ofMinutes(31));
        outcome(instance, MONDAY_9.plusSeconds(60), ANSWERED, "CALLBACK", agreed);

        assertThat(dueOfWindow(instance)).isEqualTo(agreed);
    }

    @Test
    void aCallbackIsDialledAtTheAgreedTimeAheadOfTheQueueEvenOutsideTheHours() throws Exception {
        long contact = contact(MOBILE, null, null);
        long campaign = startedCampaign("");
        String instance = process(campaign, contact);
        runUntil(instance, MONDAY_9);
        Instant agreed = Instant.parse("2031-03-04T19:00:00Z"); // 22:00 in Moscow, after the hours
        outcome(instance, MONDAY_9.plusSeconds(60), ANSWERED, "CALLBACK", agreed);
        assertThat(dueOfWindow(instance)).isEqualTo(agreed);

        runUntil(instance, agreed);
        Map<String, Object> last = requests(campaign, contact).get(1);
        assertThat(last).containsEntry("state", "QUEUED").containsEntry("priority", RequestDial.CALLBACK_PRIORITY);
        assertThat(((java.sql.Timestamp) last.get("due_at")).toInstant()).isEqualTo(agreed);
    }

    @Test
    void onAHolidayUnansweredCallsAreSpacedOutMore() throws Exception {
        String calendar = send("POST", "/api/v1/calendars", "{\"name\": \"Holidays %s\"}".formatted(suffix)).body();
        long calendarId = json.readTree(calendar).get("id").asLong();
        assertThat(send("PUT", "/api/v1/calendars/" + calendarId + "/days/2031-03-03",
                "{\"type\": \"HOLIDAY\", \"name\": \"Test holiday\"}").statusCode()).isLessThan(300);
        long contact = contact(MOBILE, null, null);
        long campaign = startedCampaign("\"calendarId\": " + calendarId);
        String instance = process(campaign, contact);
        runUntil(instance, MONDAY_9);
        assertThat(variable(instance, "dayType")).isEqualTo("HOLIDAY");

        outcome(instance, MONDAY_9.plusSeconds(10), NO_ANSWER, null, null);
        assertThat(dueOfWindow(instance)).as("holiday row: 3 hours, not 1").isEqualTo(MONDAY_9.plusSeconds(10 + 10_800));
    }

    @Test
    void finalCodesFinishTheContact() throws Exception {
        long contact = contact(MOBILE, null, null);
        long campaign = startedCampaign("");
        String instance = process(campaign, contact);
        runUntil(instance, MONDAY_9);
        outcome(instance, MONDAY_9.plusSeconds(90), ANSWERED, "SALE", null);
        assertThat(finalStatus(campaign, contact)).isEqualTo("SUCCESS");

        suffix();
        long other = contact("+79120000003", null, null);
        long second = startedCampaign("");
        String refusing = process(second, other);
        runUntil(refusing, MONDAY_9);
        outcome(refusing, MONDAY_9.plusSeconds(90), ANSWERED, "DO_NOT_CALL", null);
        assertThat(finalStatus(second, other)).isEqualTo("DO_NOT_CALL");
        assertThat(waitingIn(refusing)).isEqualTo("ENDED");
    }

    @Test
    void aCodesOwnMaximumEndsTheContact() throws Exception {
        long contact = contact(MOBILE, null, null);
        long campaign = startedCampaign("");
        String instance = process(campaign, contact);
        runUntil(instance, MONDAY_9);
        for (int i = 0; i < 3; i++) {
            outcome(instance, now.plusSeconds(60), ANSWERED, "THINK_IT_OVER", null);
            if (i < 2) {
                assertThat(dueOfWindow(instance)).as("the code's own delay, 240 min").isEqualTo(now.plus(Duration.ofMinutes(240)));
                runUntil(instance, dueOfWindow(instance));
            }
        }
        assertThat(finalStatus(campaign, contact)).isEqualTo("ATTEMPTS_EXHAUSTED_CODE");
    }

    @Test
    void eachLimitEndsTheContactWithItsStatus() throws Exception {
        assertThat(finishAfterNoAnswers("\"maxAttemptsPerContact\": 2", MOBILE, null, 2)).isEqualTo("ATTEMPTS_EXHAUSTED_CONTACT");
        assertThat(finishAfterNoAnswers("\"maxHoursSinceFirstAttempt\": 1", MOBILE, null, 1))
                .isEqualTo("DURATION_EXCEEDED_FIRST_ATTEMPT");
        assertThat(finishAfterNoAnswers("\"stopsAt\": \"" + MONDAY_9.plus(Duration.ofMinutes(30)) + "\"", MOBILE, null, 1))
                .isEqualTo("STOP_DATE_REACHED");
        suffix();
        long contact = contact(MOBILE, null, null);
        long campaign = startedCampaign("\"maxHoursSinceCreation\": 24");
        String instance = process(campaign, contact);
        runUntil(instance, MONDAY_9);
        assertThat(finalStatus(campaign, contact)).as("created years before 2031").isEqualTo("DURATION_EXCEEDED_CREATION");
        suffix();
        long typed = contact(MOBILE, null, null);
        long limited = startedCampaign("\"maxAttemptsPerPhoneType\": {\"mobile_%s\": 1}".formatted(suffix));
        String limitedInstance = process(limited, typed);
        runUntil(limitedInstance, MONDAY_9);
        outcome(limitedInstance, MONDAY_9.plusSeconds(30), BUSY, null, null);
        runUntil(limitedInstance, MONDAY_9.plus(Duration.ofHours(1)));
        assertThat(finalStatus(limited, typed)).isEqualTo("ATTEMPTS_EXHAUSTED_PHONE_TYPE");
    }

    @Test
    void aDayLimitMovesTheNextAttemptToTheNextDay() throws Exception {
        long contact = contact(MOBILE, null, null);
        long campaign = startedCampaign("\"maxAttemptsPerDay\": 1");
        String instance = process(campaign, contact);
        runUntil(instance, MONDAY_9);
        outcome(instance, MONDAY_9.plusSeconds(30), NO_ANSWER, null, null);
        runUntil(instance, MONDAY_9.plus(Duration.ofHours(2)));
        assertThat(dueOfWindow(instance)).isEqualTo(Instant.parse("2031-03-04T06:00:00Z"));
    }

    @Test
    void aDuplicateOrLateOutcomeIsIgnoredAndStartsNoSecondPath() throws Exception {
        long contact = contact(MOBILE, null, null);
        long campaign = startedCampaign("");
        String instance = process(campaign, contact);
        runUntil(instance, MONDAY_9);
        long attempt = attemptId(instance);
        assertThat(outcome(instance, MONDAY_9.plusSeconds(30), NO_ANSWER, null, null)).isEqualTo(StrategyOutcomes.Result.CORRELATED);
        assertThat(clock.at(now, () -> outcomes.report(attempt, BUSY, null, null))).isEqualTo(StrategyOutcomes.Result.IGNORED);
        assertThat(requests(campaign, contact)).hasSize(1);
        assertThat(runtime.getActiveActivityIds(instance)).containsExactly(CampaignIntake.WINDOW_TIMER);

        runUntil(instance, dueOfWindow(instance));
        long second = attemptId(instance);
        runUntil(instance, now.plus(Duration.ofHours(3)));
        assertThat(requests(campaign, contact).get(1)).as("never dialled before the deadline").containsEntry("state", "CANCELLED");
        assertThat(clock.at(now, () -> outcomes.report(second, ANSWERED, "SALE", null))).isEqualTo(StrategyOutcomes.Result.IGNORED);
        assertThat(finalStatus(campaign, contact)).isNull();
    }

    private String finishAfterNoAnswers(String limit, String mobile, String work, int answers) throws Exception {
        suffix();
        now = MONDAY_9;
        long contact = contact(mobile, work, null);
        long campaign = startedCampaign(limit);
        String instance = process(campaign, contact);
        runUntil(instance, MONDAY_9);
        for (int i = 0; i < answers; i++) {
            outcome(instance, now.plusSeconds(30), OutcomeCategory.NO_ANSWER, null, null);
            runUntil(instance, now.plus(Duration.ofHours(2)));
        }
        assertThat(waitingIn(instance)).isEqualTo("ENDED");
        return finalStatus(campaign, contact);
    }
}
