package org.dozvon.strategy;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dozvon.campaigns.OutcomeCategory.NO_ANSWER;

/** The actions and wake-ups the standard table does not exercise: moving a contact to a list, a campaign's stop. */
class StrategyActionsTests extends StrategyTestBase {

    @Autowired
    RepositoryService repository;

    @Test
    void aMoveToListDecisionMovesTheContactAndEndsItAsMoved() throws Exception {
        String key = "moving_" + suffix;
        String target = "Hand over " + suffix;
        deployStrategyDeciding(key, """
                <rule id="Rule_Move">
                  <inputEntry id="Rule_Move_outcome"><text>"NO_ANSWER"</text></inputEntry>
                  <outputEntry id="Rule_Move_action"><text>"MOVE_TO_LIST"</text></outputEntry>
                  <outputEntry id="Rule_Move_target"><text>"%s"</text></outputEntry>
                </rule>""".formatted(target));
        long contact = contact("+79120000011", null, null);
        long from = listId;
        HttpResponse<String> list = send("POST", "/api/v1/contact-lists",
                "{\"name\": \"%s\", \"fields\": [{\"code\": \"mobile_%s\"}]}".formatted(target, suffix));
        assertThat(list.statusCode()).as(list.body()).isEqualTo(201);
        long campaign = startedCampaign(key, "");
        String instance = process(campaign, contact);
        runUntil(instance, MONDAY_9);

        outcome(instance, MONDAY_9.plusSeconds(25), NO_ANSWER, null, null);

        assertThat(waitingIn(instance)).isEqualTo("ENDED");
        assertThat(finalStatus(campaign, contact)).isEqualTo("MOVED");
        assertThat(jdbc.sql("select l.name from contact c join contact_list l on l.id = c.list_id where c.id = :id")
                .param("id", contact).query(String.class).single()).isEqualTo(target);
        assertThat(jdbc.sql("select count(*) from contact where list_id = :l").param("l", from).query(Long.class).single())
                .isZero();
    }

    @Test
    void stoppingACampaignCancelsItsQueuedCallAndEndsItsContactsAsStopped() throws Exception {
        long dialling = contact("+79120000012", null, null);
        long campaign = startedCampaign("");
        String waitingForOutcome = process(campaign, dialling);
        runUntil(waitingForOutcome, MONDAY_9);
        assertThat(requests(campaign, dialling)).extracting(r -> r.get("state")).containsExactly("QUEUED");

        assertThat(send("POST", "/api/v1/campaigns/" + campaign + "/stop", null).statusCode()).isEqualTo(200);
        awaitWokenUp(waitingForOutcome);
        runUntil(waitingForOutcome, MONDAY_9);

        assertThat(requests(campaign, dialling)).extracting(r -> r.get("state")).containsExactly("CANCELLED");
        assertThat(waitingIn(waitingForOutcome)).isEqualTo("ENDED");
        assertThat(finalStatus(campaign, dialling)).isEqualTo("CAMPAIGN_STOPPED");
    }

    @Test
    void stoppingACampaignEndsContactsWaitingForTheirWindow() throws Exception {
        long waiting = contact("+79120000013", null, null);
        long campaign = startedCampaign("");
        String instance = process(campaign, waiting);
        assertThat(dueOfWindow(instance)).isEqualTo(MONDAY_9);

        assertThat(send("POST", "/api/v1/campaigns/" + campaign + "/stop", null).statusCode()).isEqualTo(200);
        awaitWokenUp(instance);
        runUntil(instance, now);

        assertThat(waitingIn(instance)).isEqualTo("ENDED");
        assertThat(finalStatus(campaign, waiting)).isEqualTo("CAMPAIGN_STOPPED");
        assertThat(requests(campaign, waiting)).as("never dialled").isEmpty();
    }

    /** Waits until the intake's worker has set the process's timers due (they lie in 2031 otherwise). */
    private void awaitWokenUp(String instance) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (management.createJobQuery().processInstanceId(instance).timers().list().stream()
                    .map(Job::getDuedate).allMatch(due -> due != null && due.toInstant().isBefore(MONDAY_9))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the stop did not wake " + instance);
    }

    /** The standard BPMN under another key, deciding by a one-input table of the given rows. */
    private void deployStrategyDeciding(String key, String rules) throws Exception {
        String bpmn;
        try (InputStream in = getClass().getResourceAsStream("/bpmn/standard-strategy.bpmn")) {
            bpmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        bpmn = bpmn.replace("<bpmn:process id=\"standard\"", "<bpmn:process id=\"" + key + "\"")
                .replace("bpmnElement=\"standard\"", "bpmnElement=\"" + key + "\"")
                .replace("camunda:decisionRef=\"nextAction\"", "camunda:decisionRef=\"" + key + "_next\"");
        String dmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_%1$s" name="Test"
                             namespace="http://dozvon.org/test">
                  <decision id="%1$s_next" name="Test decision">
                    <decisionTable id="Table_%1$s" hitPolicy="FIRST">
                      <input id="Input_outcome" label="Outcome">
                        <inputExpression id="InputExpression_outcome" typeRef="string"><text>outcomeCategory</text></inputExpression>
                      </input>
                      <output id="Output_action" name="action" typeRef="string" />
                      <output id="Output_target" name="target" typeRef="string" />
                      %2$s
                    </decisionTable>
                  </decision>
                </definitions>""".formatted(key, rules);
        repository.createDeployment().name("test " + key)
                .addString(key + ".bpmn", bpmn).addString(key + ".dmn", dmn).deploy();
    }
}
