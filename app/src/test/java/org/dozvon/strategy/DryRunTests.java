package org.dozvon.strategy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.dozvon.campaigns.OutcomeCategory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dozvon.campaigns.OutcomeCategory.ANSWERED;
import static org.dozvon.campaigns.OutcomeCategory.BUSY;
import static org.dozvon.campaigns.OutcomeCategory.NO_ANSWER;

class DryRunTests extends StrategyTestBase {

    static final String PHONE = "+79120000011";

    @Autowired
    StrategyDryRun dryRun;

    @Test
    void theDryRunDialsWhenARealRunDialsAndLeavesNothingBehind() throws Exception {
        long contact = contact(PHONE, null, null);
        long campaign = startedCampaign("");
        List<OutcomeCategory> sequence = List.of(BUSY, NO_ANSWER, NO_ANSWER, NO_ANSWER, ANSWERED);
        List<StrategyDryRun.PlannedOutcome> planned = new ArrayList<>();
        sequence.forEach(o -> planned.add(new StrategyDryRun.PlannedOutcome(o, o == ANSWERED ? "SALE" : null, null, 30)));
        long requestsBefore = jdbc.sql("select count(*) from dial_request").query(Long.class).single();

        StrategyDryRun.Result simulated = dryRun.run(new StrategyDryRun.Request("standard", null, campaign, List.of("8 912 000-00-11"),
                "Europe/Moscow", MONDAY_9.minus(Duration.ofHours(1)), planned));

        List<Instant> simulatedDials = simulated.timeline().stream().filter(e -> e.kind().equals("DIAL"))
                .map(StrategyTimeline.Entry::at).toList();
        assertThat(simulated.finalStatus()).isEqualTo("SUCCESS");
        assertThat(simulated.outcomesUsed()).isEqualTo(5);
        assertThat(simulated.timeline()).extracting(StrategyTimeline.Entry::kind).contains("WAIT", "OUTCOME", "DECISION", "NOTIFY");
        assertThat(jdbc.sql("select count(*) from dial_request").query(Long.class).single()).as("rolled back").isEqualTo(requestsBefore);
        assertThat(jdbc.sql("select count(*) from campaign where name like 'Dry run %'").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from contact_list where name like 'Dry run %'").query(Long.class).single()).isZero();

        String instance = process(campaign, contact);
        runUntil(instance, MONDAY_9);
        for (OutcomeCategory outcome : sequence) {
            outcome(instance, now.plusSeconds(30), outcome, outcome == ANSWERED ? "SALE" : null, null);
            if (outcome != ANSWERED) {
                runUntil(instance, dueOfWindow(instance));
            }
        }
        List<Instant> realDials = requests(campaign, contact).stream()
                .map(r -> ((java.sql.Timestamp) r.get("due_at")).toInstant()).toList();
        assertThat(finalStatus(campaign, contact)).isEqualTo("SUCCESS");
        assertThat(simulatedDials).isEqualTo(realDials).hasSize(5);
    }

    @Test
    void theApiAnswersTheTimelineAndNamesWhatIsWrong() throws Exception {
        HttpResponse<String> ran = send("POST", "/api/v1/strategies/standard/dry-run", """
                {"phones": ["+79120000012"], "timeZone": "Asia/Yekaterinburg", "start": "2031-03-03T03:00:00Z",
                 "outcomes": [{"outcome": "NO_ANSWER"}, {"outcome": "ANSWERED", "code": "DO_NOT_CALL"}]}""");
        assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
        JsonNode result = json.readTree(ran.body());
        assertThat(result.get("finalStatus").asText()).isEqualTo("DO_NOT_CALL");
        assertThat(result.get("timeline").get(0).get("kind").asText()).isEqualTo("START");
        assertThat(result.get("timeline").findValuesAsText("text")).as("notes in words, local times")
                .contains("until 2031-03-03 09:00 Asia/Yekaterinburg to call +79120000012 (phone1)")
                .anyMatch(text -> text.startsWith("NO_ANSWER, code NO_ANSWER (RETRY); attempts: 1 on this phone"))
                .contains("the table chose FINISH; final status: Do not call", "Do not call");

        HttpResponse<String> unknown = send("POST", "/api/v1/strategies/nope/dry-run", """
                {"phones": ["12"], "timeZone": "Mars/Olympus", "outcomes": []}""");
        assertThat(unknown.statusCode()).as("the path names no strategy").isEqualTo(404);
        assertThat(json.readTree(unknown.body()).get("detail").asText()).contains("'nope'");

        HttpResponse<String> wrong = send("POST", "/api/v1/strategies/standard/dry-run", """
                {"version": 999, "phones": ["12"], "timeZone": "Mars/Olympus", "outcomes": []}""");
        assertThat(wrong.statusCode()).isEqualTo(422);
        JsonNode errors = json.readTree(wrong.body()).get("errors");
        assertThat(errors.fieldNames()).toIterable().containsExactlyInAnyOrder("phones", "timeZone", "strategyKey", "outcomes");
    }

    @Test
    void thePageRunsTheFormAndShowsTheTimeline() {
        var browser = portal();
        browser.login("admin", ADMIN_PASSWORD);
        assertThat(browser.get("/strategies/dry-run").body()).contains("dry-run-form");

        HttpResponse<String> ran = browser.submit("/strategies/dry-run", "/strategies/dry-run", java.util.Map.of(
                "strategyKey", "standard", "phones", "8 912 000-00-13", "timeZone", "Europe/Moscow",
                "start", "2031-03-03T08:00", "outcomes", "BUSY\nANSWERED SALE 90"));
        assertThat(ran.statusCode()).isEqualTo(200);
        assertThat(ran.body()).contains("id=\"timeline\"").contains("2031-03-03 Mon 09:00:00").contains("+79120000013");

        HttpResponse<String> wrong = browser.submit("/strategies/dry-run", "/strategies/dry-run", java.util.Map.of(
                "strategyKey", "standard", "phones", "8 912 000-00-13", "timeZone", "Europe/Moscow",
                "start", "2031-03-03T08:00", "outcomes", "HELLO"));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("Line 1: &#39;HELLO&#39; does not start with an outcome");
        assertThat(browser.submit("/strategies/dry-run?lang=ru", "/strategies/dry-run", java.util.Map.of(
                "strategyKey", "standard", "phones", "8 912 000-00-13", "timeZone", "Europe/Moscow",
                "start", "2031-03-03T08:00", "outcomes", "BUSY")).body()).as("notes in the reader's language")
                .contains("набор +79120000013 (заявка", "таблица выбрала RETRY");
    }
}
