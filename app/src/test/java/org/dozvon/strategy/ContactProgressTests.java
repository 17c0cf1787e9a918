package org.dozvon.strategy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dozvon.campaigns.OutcomeCategory.ANSWERED;
import static org.dozvon.campaigns.OutcomeCategory.NO_ANSWER;

/**
 * A contact's row in {@code campaign_contact} follows its process: state, next dial time, attempts, final status; and
 * {@link CampaignProgress} counts the rows.
 */
class ContactProgressTests extends StrategyTestBase {

    @Autowired
    CampaignProgress campaignProgress;

    @Test
    void theContactsRowFollowsItsProcessFromWaitingToFinished() throws Exception {
        long contact = contact(StandardStrategyTests.MOBILE, null, null);
        long campaign = startedCampaign("\"maxAttemptsPerContact\": 2");
        String instance = process(campaign, contact);
        assertThat(progress(campaign, contact)).containsEntry("state", "WAITING").containsEntry("next_dial_at", MONDAY_9)
                .containsEntry("attempts", 0).containsEntry("first_attempt_at", null);

        runUntil(instance, MONDAY_9);
        assertThat(progress(campaign, contact)).containsEntry("state", "QUEUED").containsEntry("next_dial_at", MONDAY_9);

        Instant first = MONDAY_9.plusSeconds(30);
        outcome(instance, first, NO_ANSWER, null, null);
        assertThat(progress(campaign, contact)).containsEntry("state", "WAITING")
                .containsEntry("next_dial_at", first.plusSeconds(3600)).containsEntry("attempts", 1)
                .containsEntry("first_attempt_at", first);

        runUntil(instance, dueOfWindow(instance));
        Instant second = now.plusSeconds(30);
        outcome(instance, second, NO_ANSWER, null, null);
        assertThat(progress(campaign, contact)).containsEntry("state", "FINISHED").containsEntry("next_dial_at", null)
                .containsEntry("attempts", 2).containsEntry("first_attempt_at", first)
                .containsEntry("final_status", "ATTEMPTS_EXHAUSTED_CONTACT").containsEntry("finished_at", second);
    }

    @Test
    void campaignProgressCountsTakenFinishedAndSucceededContacts() throws Exception {
        long contact = contact(StandardStrategyTests.MOBILE, null, null);
        long campaign = startedCampaign("");
        String instance = process(campaign, contact);
        CampaignProgress.Figures taken = campaignProgress.of(List.of(campaign, 0L)).get(campaign);
        assertThat(List.of(taken.total(), taken.finished(), taken.succeeded())).containsExactly(1L, 0L, 0L);
        CampaignProgress.Figures none = campaignProgress.of(List.of(campaign, 0L)).get(0L);
        assertThat(List.of(none.total(), none.finished(), none.succeeded())).as("a campaign that took nobody")
                .containsExactly(0L, 0L, 0L);

        runUntil(instance, MONDAY_9);
        outcome(instance, MONDAY_9.plusSeconds(90), ANSWERED, "SALE", null);

        CampaignProgress.Figures done = campaignProgress.of(List.of(campaign)).get(campaign);
        assertThat(List.of(done.total(), done.finished(), done.succeeded())).containsExactly(1L, 1L, 1L);
        assertThat(done.remaining()).isZero();
    }

    private Map<String, Object> progress(long campaignId, long contactId) {
        Map<String, Object> row = new LinkedHashMap<>();
        jdbc.sql("select state, next_dial_at, attempts, first_attempt_at, final_status, finished_at from campaign_contact"
                        + " where campaign_id = :c and contact_id = :k")
                .param("c", campaignId).param("k", contactId).query().singleRow()
                .forEach((column, value) -> row.put(column, value instanceof Timestamp at ? at.toInstant() : value));
        return row;
    }
}
