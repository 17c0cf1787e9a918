package org.dozvon.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.dozvon.ApiPaging;
import org.dozvon.ApplicationTestBase;
import org.junit.jupiter.api.Test;

/**
 * What every endpoint of {@code /api/v1} shares (docs/api.md, "Conventions"): times written as ISO-8601 in UTC
 * ({@code Z}) and read with their offset, a parameter or field that cannot be read refused with 422 naming it, a path
 * id that is no id answered 404, every refusal an RFC 7807 problem in the caller's language.
 */
class ApiConventionsTests extends ApplicationTestBase {

    private static final String ISO_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

    private ApiPaging api() {
        return new ApiPaging(port, "admin", ADMIN_PASSWORD);
    }

    @Test
    void timesInAnswersAreIsoStringsInUtcAndDatesStayDates() {
        String name = "Times " + UUID.randomUUID();
        HttpResponse<String> created = portal().apiSend("POST", "/api/v1/campaigns", """
                {"name": "%s", "startsAt": "2031-02-03T12:00:00+03:00",
                 "exceptions": [{"date": "2031-02-23", "hours": []}]}""".formatted(name), "admin", ADMIN_PASSWORD);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode campaign = ApiPaging.read(created.body());

        assertThat(campaign.get("startsAt").asText()).as("read with its offset, written in UTC").isEqualTo("2031-02-03T09:00:00Z");
        assertThat(campaign.get("createdAt").isTextual()).isTrue();
        assertThat(campaign.get("createdAt").asText()).matches(ISO_UTC);
        assertThat(campaign.get("exceptions").get(0).get("date").asText()).isEqualTo("2031-02-23");
    }

    @Test
    void timeParametersTakeIsoTimesWithAnOffsetAndRefuseOthersNamingTheParameter() {
        for (String from : new String[] {"2031-02-03T12:00:00%2B03:00", "2031-02-03T09:00:00Z", "2031-02-03T09:00:00.5Z",
                "2031-02-03T12:00:00+03:00"}) {
            HttpResponse<String> answer = api().get("/api/v1/call-attempts?limit=1&from=" + from, "en");
            assertThat(answer.statusCode()).as(from + ": " + answer.body()).isEqualTo(200);
        }

        assertThat(ApiPaging.refusedParameter(api().get("/api/v1/call-attempts?from=2031-02-03T12:00:00", "en"), "from"))
                .isEqualTo("'2031-02-03T12:00:00' is not a date and time with its offset (ISO-8601, e.g. "
                        + "2026-11-25T10:15:30+03:00 or 2026-11-25T07:15:30Z; in a URL write + as %2B).");
        ApiPaging.refusedParameter(api().get("/api/v1/call-attempts?to=yesterday", "en"), "to");
        ApiPaging.refusedParameter(api().get("/api/v1/call-attempts?from=2031-02-03T10:00:00Z&to=2031-02-03T09:00:00Z",
                "en"), "to");
    }

    @Test
    void aFilterValueThatIsNoneAnswers422NamingTheParameterInTheCallersLanguage() {
        assertThat(ApiPaging.refusedParameter(api().get("/api/v1/campaigns?status=FLYING", "en"), "status"))
                .isEqualTo("'FLYING' is not one of: DRAFT, RUNNING, PAUSED, STOPPED, COMPLETED.");
        assertThat(ApiPaging.refusedParameter(api().get("/api/v1/campaigns?status=FLYING", "ru"), "status"))
                .isEqualTo("'FLYING' — не одно из: DRAFT, RUNNING, PAUSED, STOPPED, COMPLETED.");
        assertThat(ApiPaging.refusedParameter(api().get("/api/v1/alerts?open=maybe", "en"), "open"))
                .isEqualTo("'maybe' is not true or false.");
        assertThat(ApiPaging.refusedParameter(api().get("/api/v1/call-attempts?campaignId=first", "en"), "campaignId"))
                .isEqualTo("'first' is not a whole number.");
        ApiPaging.refusedParameter(api().get("/api/v1/operators?limit=0", "en"), "limit");
        ApiPaging.refusedParameter(api().get("/api/v1/operators?cursor=forged", "en"), "cursor");
    }

    @Test
    void aMissingParameterAnswers422NamingIt() {
        ApiPaging.refusedParameter(api().get("/api/v1/strategies/processes/standard/migrations/preview?to=1", "en"), "from");
    }

    @Test
    void aJsonFieldOfTheWrongTypeAnswers422NamingTheField() {
        HttpResponse<String> weight = portal().apiSend("POST", "/api/v1/campaigns",
                "{\"name\": \"Typed\", \"weight\": \"heavy\"}", "admin", ADMIN_PASSWORD);
        assertThat(ApiPaging.refusedParameter(weight, "weight")).isEqualTo("'heavy' is not a whole number.");
        HttpResponse<String> mode = portal().apiSend("POST", "/api/v1/campaigns",
                "{\"name\": \"Typed\", \"dialing\": {\"mode\": \"TELEPATHIC\"}}", "admin", ADMIN_PASSWORD);
        assertThat(ApiPaging.refusedParameter(mode, "dialing.mode"))
                .isEqualTo("'TELEPATHIC' is not one of: PREVIEW, PROGRESSIVE, PREDICTIVE, AGENTLESS.");
    }

    @Test
    void aPathIdThatIsNoIdAnswers404LikeAnUnknownOne() {
        for (String path : new String[] {"/api/v1/campaigns/first", "/api/v1/campaigns/999999999",
                "/api/v1/operators/x", "/api/v1/imports/999999999", "/api/v1/imports/999999999/rejections",
                "/api/v1/skills/999999999", "/api/v1/caller-ids/999999999", "/api/v1/dnc-lists/999999999"}) {
            HttpResponse<String> answer = api().get(path, "en");
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(404);
            assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(ApiPaging.read(answer.body()).get("status").asInt()).isEqualTo(404);
        }
    }
}
