package org.dozvon.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.dozvon.ApiPaging;
import org.dozvon.ApplicationTestBase;
import org.dozvon.campaigns.OutcomeCategory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lists of the dialing module over REST: call attempts newest first, filtered by campaign, contact, outcome and
 * the time they began (ISO-8601 with an offset); alerts by kind; IVR numbers. Attempts are written through the
 * dialer's store on a day of their own.
 */
class CallAttemptListsTests extends ApplicationTestBase {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext context;

    private DialingFixture fixture;
    private long campaignId;
    private long contactId;

    @BeforeEach
    void aDraftCampaignWithAContact() throws Exception {
        fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        long listId = fixture.list(1);
        contactId = jdbc.sql("select id from contact where list_id = :list").param("list", listId).query(Long.class).single();
        var created = fixture.send("POST", "/api/v1/campaigns",
                "{\"name\": \"Attempts %s\", \"lists\": [%d]}".formatted(fixture.suffix, listId));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        campaignId = fixture.read(created.body()).get("id").asLong();
    }

    private ApiPaging api() {
        return new ApiPaging(port, "admin", ADMIN_PASSWORD);
    }

    @Test
    void attemptsPageNewestFirstAndFilterByOutcomeAndTheTimeTheyBegan() {
        AttemptRecords records = new AttemptRecords(context);
        long nine = records.ended(campaignId, contactId, OutcomeCategory.BUSY, Instant.parse("2032-07-14T09:00:00Z"));
        long ten = records.ended(campaignId, contactId, OutcomeCategory.NO_ANSWER, Instant.parse("2032-07-14T10:00:00Z"));
        long eleven = records.ended(campaignId, contactId, OutcomeCategory.BUSY, Instant.parse("2032-07-14T11:00:00Z"));
        String mine = "/api/v1/call-attempts?campaignId=" + campaignId;

        assertThat(api().pages(mine, 2)).hasSize(2);
        assertThat(api().values(mine, 2, "attemptId")).containsExactly(id(eleven), id(ten), id(nine));
        assertThat(api().values(mine + "&contactId=" + contactId, 10, "attemptId")).hasSize(3);
        assertThat(api().values(mine + "&outcome=BUSY", 10, "attemptId")).containsExactly(id(eleven), id(nine));
        assertThat(api().values(mine + "&from=2032-07-14T13:30:00%2B03:00", 10, "attemptId")).containsExactly(id(eleven));
        assertThat(api().values(mine + "&to=2032-07-14T10:30:00Z", 10, "attemptId")).containsExactly(id(ten), id(nine));
        assertThat(api().values(mine + "&from=2032-07-14T09:30:00Z&to=2032-07-14T10:30:00Z&outcome=NO_ANSWER", 10,
                "attemptId")).containsExactly(id(ten));
        assertThat(api().items("/api/v1/call-attempts?contactId=" + contactId + "&campaignId=999999999", 10)).isEmpty();
        assertThat(api().items(mine, 10).get(0).get("queuedAt").asText()).isEqualTo("2032-07-14T10:59:40Z");

        assertThat(ApiPaging.refusedParameter(api().get(mine + "&outcome=SOMETIMES", "en"), "outcome"))
                .startsWith("'SOMETIMES' is not one of: ANSWERED, NO_ANSWER");
        ApiPaging.refusedParameter(api().get(mine + "&from=14.07.2032", "en"), "from");
        ApiPaging.refusedParameter(api().get(mine + "&from=2032-07-14T11:00:00Z&to=2032-07-14T11:00:00Z", "en"), "to");
    }

    @Test
    void alertsFilterByKindAndIvrNumbersPage() {
        assertThat(api().items("/api/v1/alerts?kind=AUTO_STOP", 1000))
                .allSatisfy(alert -> assertThat(alert.get("kind").asText()).isEqualTo("AUTO_STOP"));
        ApiPaging.refusedParameter(api().get("/api/v1/alerts?kind=METEOR", "en"), "kind");

        List<String> codes = List.of("pg-" + fixture.suffix + "-a", "pg-" + fixture.suffix + "-b", "pg-" + fixture.suffix + "-c");
        for (String code : codes) {
            var created = fixture.send("POST", "/api/v1/ivr-numbers", """
                    {"code": "%s", "name": "Menu", "context": "dozvon-ivr", "extension": "100"}""".formatted(code));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        assertThat(api().pages("/api/v1/ivr-numbers?q=pg-" + fixture.suffix, 2)).hasSize(2);
        assertThat(api().values("/api/v1/ivr-numbers?q=pg-" + fixture.suffix, 2, "code")).containsExactlyElementsOf(codes);
    }

    private static String id(long attempt) {
        return String.valueOf(attempt);
    }
}
