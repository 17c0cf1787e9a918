package org.dozvon.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import org.dozvon.ApiPaging;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.junit.jupiter.api.Test;

/**
 * The lists of the campaigns module over REST, page by page ({@code ApiPage}) and filtered: campaigns, completion
 * codes and their groups, scripts, calendars, caller IDs and their groups.
 */
class CampaignListsApiTests extends ApplicationTestBase {

    private final String s = UUID.randomUUID().toString().substring(0, 8);

    private ApiPaging api() {
        return new ApiPaging(port, "admin", ADMIN_PASSWORD);
    }

    private long create(String path, String body) {
        HttpResponse<String> created = new PortalClient(port).apiSend("POST", path, body, "admin", ADMIN_PASSWORD);
        assertThat(created.statusCode()).as(path + ": " + created.body()).isEqualTo(201);
        return ApiPaging.read(created.body()).get("id").asLong();
    }

    @Test
    void campaignsPageInIdOrderAndFilterByStatusAndName() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(String.valueOf(create("/api/v1/campaigns", "{\"name\": \"Paged %s %d\"}".formatted(s, i))));
        }

        List<JsonNode> pages = api().pages("/api/v1/campaigns?q=paged+" + s, 2);

        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).get("items")).hasSize(2);
        assertThat(api().values("/api/v1/campaigns?q=PAGED+" + s, 2, "id")).containsExactlyElementsOf(ids);
        assertThat(api().values("/api/v1/campaigns?status=DRAFT&q=" + s, 10, "id")).containsExactlyElementsOf(ids);
        assertThat(api().items("/api/v1/campaigns?status=RUNNING&q=" + s, 10)).isEmpty();
        assertThat(api().items("/api/v1/campaigns?q=" + s + "_%25", 10)).as("% is a character, not a wildcard").isEmpty();
        ApiPaging.refusedParameter(api().get("/api/v1/campaigns?status=draft-ish", "en"), "status");
    }

    @Test
    void completionCodesFilterByGroupCategoryKindAndActivity() {
        create("/api/v1/completion-codes", """
                {"code": "listed_a_%s", "name": "Listed A", "category": "ANSWERED", "resolution": "SUCCESS"}""".formatted(s));
        create("/api/v1/completion-codes", """
                {"code": "listed_b_%s", "name": "Listed B", "category": "ANSWERED", "resolution": "RETRY",
                 "active": false}""".formatted(s));
        long group = create("/api/v1/code-groups", """
                {"name": "Listed %1$s", "codes": ["listed_b_%1$s", "listed_a_%1$s"]}""".formatted(s));

        List<JsonNode> pages = api().pages("/api/v1/completion-codes?groupId=" + group, 1);
        assertThat(pages).hasSize(2);
        assertThat(api().values("/api/v1/completion-codes?groupId=" + group, 1, "code"))
                .containsExactly(("listed_a_" + s).toUpperCase(), ("listed_b_" + s).toUpperCase());
        assertThat(api().values("/api/v1/completion-codes?groupId=" + group + "&active=false", 10, "code"))
                .containsExactly(("listed_b_" + s).toUpperCase());
        assertThat(api().items("/api/v1/completion-codes?groupId=999999999", 10)).isEmpty();
        assertThat(api().items("/api/v1/completion-codes?category=BUSY&kind=SYSTEM", 10))
                .isNotEmpty().allSatisfy(code -> {
                    assertThat(code.get("category").asText()).isEqualTo("BUSY");
                    assertThat(code.get("kind").asText()).isEqualTo("SYSTEM");
                });
        assertThat(api().values("/api/v1/completion-codes?kind=OPERATOR&q=listed_", 1000, "code"))
                .contains(("listed_a_" + s).toUpperCase());
        ApiPaging.refusedParameter(api().get("/api/v1/completion-codes?category=SOMETIMES", "en"), "category");
        ApiPaging.refusedParameter(api().get("/api/v1/completion-codes?groupId=first", "en"), "groupId");

        assertThat(api().values("/api/v1/code-groups?q=listed+" + s, 1, "id")).containsExactly(String.valueOf(group));
    }

    @Test
    void scriptsCalendarsAndCallerIdsPage() {
        List<String> scripts = new ArrayList<>();
        List<String> calendars = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            scripts.add(String.valueOf(create("/api/v1/scripts",
                    "{\"name\": \"Script %s %d\", \"questions\": []}".formatted(s, i))));
            calendars.add(String.valueOf(create("/api/v1/calendars", "{\"name\": \"Calendar %s %d\"}".formatted(s, i))));
            String number = "+7495" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
            numbers.add(number);
            create("/api/v1/caller-ids", "{\"number\": \"%s\", \"description\": \"Pool %s\"}".formatted(number, s));
        }
        long group = create("/api/v1/caller-id-groups",
                "{\"name\": \"Pool %s\", \"numbers\": [\"%s\"]}".formatted(s, numbers.get(0)));

        assertThat(api().pages("/api/v1/scripts?q=script+" + s, 2)).hasSize(2);
        assertThat(api().values("/api/v1/scripts?q=script+" + s, 2, "id")).containsExactlyElementsOf(scripts);
        assertThat(api().values("/api/v1/calendars?q=calendar+" + s, 2, "id")).containsExactlyElementsOf(calendars);
        assertThat(api().pages("/api/v1/caller-ids?q=pool+" + s, 2)).hasSize(2);
        assertThat(api().values("/api/v1/caller-ids?q=pool+" + s, 2, "number")).containsExactlyInAnyOrderElementsOf(numbers);
        assertThat(api().values("/api/v1/caller-id-groups?q=pool+" + s, 2, "id")).containsExactly(String.valueOf(group));
    }
}
