package org.dozvon.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.dozvon.ApiPaging;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * The lists of the agents module over REST, page by page and filtered: operators with their current state (since
 * when, for which campaign), phones, skills, and the dictionary of operator states.
 */
class OperatorListsApiTests extends ApplicationTestBase {

    private final String s = UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    Operators operators;

    private ApiPaging api() {
        return new ApiPaging(port, "admin", ADMIN_PASSWORD);
    }

    private long create(String path, String body) {
        HttpResponse<String> created = new PortalClient(port).apiSend("POST", path, body, "admin", ADMIN_PASSWORD);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ApiPaging.read(created.body()).get("id").asLong();
    }

    @Test
    void operatorsPageInIdOrderWithTheirStateSinceWhenAndCampaignAndFilterByStateAndName() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(create("/api/v1/operators",
                    "{\"name\": \"Lister %s %d\", \"endpoint\": \"PJSIP/l%s%d\"}".formatted(s, i, s, i)));
        }
        assertThat(operators.changeState(ids.get(1), OperatorState.NOT_READY)).isEqualTo(Operators.StateChange.NOW);
        try {
            List<JsonNode> pages = api().pages("/api/v1/operators?q=lister+" + s, 2);
            assertThat(pages).hasSize(2);
            List<JsonNode> items = new ArrayList<>();
            pages.forEach(page -> page.get("items").forEach(items::add));
            assertThat(items).extracting(item -> item.get("id").asLong()).containsExactlyElementsOf(ids);
            JsonNode paused = items.get(1);
            assertThat(paused.get("state").asText()).isEqualTo("NOT_READY");
            assertThat(paused.get("stateSince").asText()).matches("\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z");
            assertThat(paused.has("campaignId")).isTrue();

            assertThat(api().values("/api/v1/operators?state=NOT_READY&q=" + s, 10, "id"))
                    .containsExactly(String.valueOf(ids.get(1)));
            assertThat(api().values("/api/v1/operators?state=OFFLINE&q=" + s, 10, "id"))
                    .containsExactly(String.valueOf(ids.get(0)), String.valueOf(ids.get(2)));
            assertThat(api().items("/api/v1/operators?campaignId=999999999&q=" + s, 10)).isEmpty();
        } finally {
            operators.changeState(ids.get(1), OperatorState.OFFLINE);
        }
        assertThat(ApiPaging.refusedParameter(api().get("/api/v1/operators?state=ASLEEP", "en"), "state"))
                .startsWith("'ASLEEP' is not one of: OFFLINE, NOT_READY, READY");
        ApiPaging.refusedParameter(api().get("/api/v1/operators?campaignId=one", "en"), "campaignId");
    }

    @Test
    void phonesAndSkillsPageAndFilter() {
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            phones.add("PJSIP/ph" + s + i);
            create("/api/v1/extensions", "{\"endpoint\": \"PJSIP/ph%s%d\", \"description\": \"Desk\"}".formatted(s, i));
            create("/api/v1/skills", "{\"name\": \"Skill %s %d\"}".formatted(s, i));
        }
        assertThat(api().pages("/api/v1/extensions?q=ph" + s, 2)).hasSize(2);
        assertThat(api().values("/api/v1/extensions?q=ph" + s, 2, "endpoint")).containsExactlyElementsOf(phones);
        assertThat(api().values("/api/v1/extensions?free=true&q=ph" + s, 10, "endpoint")).containsExactlyElementsOf(phones);
        assertThat(api().items("/api/v1/extensions?free=false&q=ph" + s, 10)).isEmpty();
        ApiPaging.refusedParameter(api().get("/api/v1/extensions?free=perhaps", "en"), "free");

        assertThat(api().pages("/api/v1/skills?q=skill+" + s, 1)).hasSize(3);
        assertThat(api().values("/api/v1/skills?q=skill+" + s, 1, "name"))
                .containsExactly("Skill " + s + " 0", "Skill " + s + " 1", "Skill " + s + " 2");
    }

    @Test
    void operatorStatesAreADictionaryNamedInTheCallersLanguage() {
        JsonNode english = ApiPaging.read(api().get("/api/v1/dictionaries/operator-states", "en").body());
        assertThat(english.get("nextCursor").isNull()).isTrue();
        assertThat(english.get("items").get(0).toString()).isEqualTo("{\"code\":\"OFFLINE\",\"name\":\"Offline\"}");
        JsonNode russian = ApiPaging.read(api().get("/api/v1/dictionaries/operator-states", "ru").body());
        assertThat(russian.get("items")).extracting(item -> item.get("code").asText())
                .containsExactly("OFFLINE", "NOT_READY", "READY", "PREVIEW", "RINGING", "IN_CALL", "WRAP_UP");
        assertThat(russian.get("items").get(2).get("name").asText()).isNotEqualTo("Ready").isNotBlank();
    }
}
