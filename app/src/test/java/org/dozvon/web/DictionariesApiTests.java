package org.dozvon.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.dozvon.ApiPaging;
import org.dozvon.ApplicationTestBase;
import org.dozvon.access.TestUsers;
import org.dozvon.strategy.FinalStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * {@code /api/v1/dictionaries/...}: the codes the API reads and writes, each named in the caller's language, as one
 * {@code ApiPage}; time zones page like any list.
 */
class DictionariesApiTests extends ApplicationTestBase {

    @Autowired
    ApplicationContext context;

    private ApiPaging api() {
        return new ApiPaging(port, "admin", ADMIN_PASSWORD);
    }

    private JsonNode dictionary(String name, String language) {
        HttpResponse<String> answer = api().get("/api/v1/dictionaries/" + name, language);
        assertThat(answer.statusCode()).as(name + ": " + answer.body()).isEqualTo(200);
        JsonNode page = ApiPaging.read(answer.body());
        assertThat(page.get("nextCursor").isNull()).isTrue();
        return page.get("items");
    }

    private static List<String> codes(JsonNode items) {
        return items.findValuesAsText("code");
    }

    @Test
    void enumeratedDictionariesListEveryCodeInOrderNamedInEnglishOrRussian() {
        assertThat(codes(dictionary("outcome-categories", "en")))
                .containsExactly("ANSWERED", "NO_ANSWER", "BUSY", "REJECTED", "ABANDONED", "MACHINE", "FAILED");
        assertThat(dictionary("outcome-categories", "en").get(5).get("name").asText()).isEqualTo("Answering machine");
        assertThat(codes(dictionary("campaign-statuses", "en")))
                .containsExactly("DRAFT", "RUNNING", "PAUSED", "STOPPED", "COMPLETED");
        assertThat(codes(dictionary("dialing-modes", "en"))).containsExactly("PREVIEW", "PROGRESSIVE", "PREDICTIVE", "AGENTLESS");
        assertThat(codes(dictionary("contact-statuses", "en"))).containsExactly("ACTIVE", "POSTPONED", "ON_HOLD", "FINISHED");
        assertThat(codes(dictionary("final-statuses", "en"))).startsWith("SUCCESS", "FAILURE", "DO_NOT_CALL").hasSize(FinalStatus.values().length).contains("CANCELLED");
        assertThat(dictionary("final-statuses", "en").get(0).get("name").asText()).isEqualTo("Processed successfully");
        assertThat(codes(dictionary("code-resolutions", "en"))).containsExactly("RETRY", "SUCCESS", "FAILURE", "DO_NOT_CALL");
        assertThat(codes(dictionary("callback-statuses", "en"))).contains("PENDING", "DUE", "DONE");
        assertThat(codes(dictionary("operator-states", "en"))).startsWith("OFFLINE", "NOT_READY", "READY");

        for (String name : new String[] {"outcome-categories", "campaign-statuses", "dialing-modes", "contact-statuses",
                "final-statuses", "code-resolutions", "code-kinds", "callback-types", "callback-statuses", "operator-states"}) {
            JsonNode english = dictionary(name, "en");
            JsonNode russian = dictionary(name, "ru");
            assertThat(codes(russian)).as(name).isEqualTo(codes(english));
            List<String> englishNames = english.findValuesAsText("name");
            List<String> russianNames = russian.findValuesAsText("name");
            assertThat(englishNames).as(name).allSatisfy(text -> assertThat(text).isNotBlank().doesNotContain("."));
            assertThat(russianNames).as(name).allSatisfy(text -> assertThat(text).isNotBlank().doesNotContain("."))
                    .anySatisfy(text -> assertThat(text).matches(".*\\p{IsCyrillic}.*"));
        }
    }

    @Test
    void phoneTypesAreThePhoneFieldsByCodeAndName() {
        String code = "pt_" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(portal().apiSend("POST", "/api/v1/contact-fields",
                "{\"code\": \"%s\", \"name\": \"Work phone\", \"type\": \"PHONE\"}".formatted(code), "admin",
                ADMIN_PASSWORD).statusCode()).isEqualTo(201);
        assertThat(portal().apiSend("POST", "/api/v1/contact-fields",
                "{\"code\": \"%s_text\", \"name\": \"Not a phone\", \"type\": \"TEXT\"}".formatted(code), "admin",
                ADMIN_PASSWORD).statusCode()).isEqualTo(201);

        JsonNode types = dictionary("phone-types", "en");

        assertThat(types.toString()).contains("{\"code\":\"" + code + "\",\"name\":\"Work phone\"}")
                .doesNotContain(code + "_text");
    }

    @Test
    void timeZonesCarryTheirOffsetNowAndPageByCode() {
        JsonNode yekaterinburg = ApiPaging.read(api().get("/api/v1/dictionaries/time-zones?q=yekaterinburg", "en").body())
                .get("items");
        assertThat(yekaterinburg).hasSize(1);
        assertThat(yekaterinburg.get(0).get("code").asText()).isEqualTo("Asia/Yekaterinburg");
        assertThat(yekaterinburg.get(0).get("utcOffset").asText()).isEqualTo("+05:00");
        assertThat(yekaterinburg.get(0).get("suggested").asBoolean()).isTrue();
        assertThat(yekaterinburg.get(0).get("name").asText()).containsIgnoringCase("Yekaterinburg");
        String russian = ApiPaging.read(api().get("/api/v1/dictionaries/time-zones?q=yekaterinburg", "ru").body())
                .get("items").get(0).get("name").asText();
        assertThat(russian).matches(".*\\p{IsCyrillic}.*");

        List<String> suggested = api().values("/api/v1/dictionaries/time-zones?suggested=true", 10, "code");
        assertThat(suggested).contains("Europe/Kaliningrad", "Europe/Moscow", "Asia/Kamchatka").isSorted()
                .doesNotContain("America/New_York");
        assertThat(api().pages("/api/v1/dictionaries/time-zones?suggested=true", 10).size()).isGreaterThan(1);
        assertThat(api().values("/api/v1/dictionaries/time-zones", 1000, "code")).contains("America/New_York")
                .doesNotContain("Etc/GMT+5");
    }

    @Test
    void dictionariesAskThePermissionOfWhatTheyDescribe() {
        new TestUsers(context).ensure("dictionary-operator", "Operator-pass-1", false, "OPERATOR");
        ApiPaging operator = new ApiPaging(port, "dictionary-operator", "Operator-pass-1");
        assertThat(operator.get("/api/v1/dictionaries/outcome-categories", "en").statusCode()).isEqualTo(403);
        assertThat(api().get("/api/v1/dictionaries/outcome-categories", "en").statusCode()).isEqualTo(200);
        assertThat(new ApiPaging(port, "admin", "wrong").get("/api/v1/dictionaries/time-zones", "en").statusCode())
                .isEqualTo(401);
    }
}
