package org.dozvon.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.access.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Completion codes and code groups: what may be created, changed, grouped and deleted. */
class CompletionCodeTests extends ApplicationTestBase {

    private final ObjectMapper json = new ObjectMapper();
    private PortalClient api;
    private String s;

    @Autowired
    CompletionCodes codes;

    @Autowired
    ApplicationContext context;

    @BeforeEach
    void unique() {
        api = portal();
        s = UUID.randomUUID().toString().substring(0, 8).toUpperCase().replace('-', '_');
    }

    @Test
    void everyOutcomeCategoryHasItsSystemCodeAndStandardHoldsTheOperatorCodes() {
        assertThat(Arrays.stream(OutcomeCategory.values()).map(codes::systemCode))
                .allSatisfy(code -> assertThat(code.kind()).isEqualTo(CodeKind.SYSTEM))
                .extracting(CompletionCode::code)
                .containsExactly("ANSWERED", "NO_ANSWER", "BUSY", "REJECTED", "ABANDONED", "MACHINE", "FAILED");
        CompletionCode busy = codes.systemCode(OutcomeCategory.BUSY);
        assertThat(busy.isFinal()).isFalse();
        assertThat(busy.retryDelay()).hasValue(java.time.Duration.ofMinutes(120));

        CodeGroup standard = codes.groups().stream().filter(g -> g.name().equals("Standard")).findFirst().orElseThrow();
        assertThat(standard.codes()).extracting(CompletionCode::code)
                .startsWith("SALE", "REFUSED", "THINK_IT_OVER", "CALLBACK", "WRONG_NUMBER", "DO_NOT_CALL");
        assertThat(codes.code("think_it_over")).hasValueSatisfying(code -> {
            assertThat(code.resolution()).isEqualTo(CodeResolution.RETRY);
            assertThat(code.maxAttempts()).isEqualTo(3);
        });
        assertThat(codes.code("DO_NOT_CALL").orElseThrow().isFinal()).isTrue();
    }

    @Test
    void aCodeIsCreatedUpperCasedAndADuplicateOrAMissingCategoryIsRefused() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/completion-codes", """
                {"code": "promise_%s", "name": "Promised to pay", "category": "ANSWERED", "resolution": "RETRY",
                 "retryDelaySeconds": 86400, "maxAttempts": 2}""".formatted(s));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode code = json.readTree(created.body());
        assertThat(code.get("code").asText()).isEqualTo("PROMISE_" + s);
        assertThat(code.get("kind").asText()).isEqualTo("OPERATOR");
        assertThat(code.get("finalCode").asBoolean()).isFalse();

        HttpResponse<String> duplicate = send("POST", "/api/v1/completion-codes", """
                {"code": "PROMISE_%s", "name": "Again", "category": "ANSWERED", "resolution": "RETRY"}""".formatted(s));
        assertThat(duplicate.statusCode()).isEqualTo(422);
        assertThat(json.readTree(duplicate.body()).get("errors").get("code").asText()).isEqualTo("There is already a code PROMISE_" + s + ".");

        HttpResponse<String> incomplete = send("POST", "/api/v1/completion-codes", """
                {"code": "X_%s", "name": "", "resolution": "SUCCESS", "retryDelaySeconds": 60}""".formatted(s));
        assertThat(incomplete.statusCode()).isEqualTo(422);
        JsonNode errors = json.readTree(incomplete.body()).get("errors");
        assertThat(errors.get("category").asText()).isEqualTo("Choose the outcome category.");
        assertThat(errors.get("name").asText()).isEqualTo("Enter the name operators will see.");
        assertThat(errors.get("retryDelaySeconds").asText()).startsWith("A final code is not retried");

        HttpResponse<String> badKey = send("POST", "/api/v1/completion-codes",
                "{\"code\": \"9 lives\", \"name\": \"x\", \"category\": \"BUSY\", \"resolution\": \"RETRY\"}");
        assertThat(json.readTree(badKey.body()).get("errors").get("code").asText()).startsWith("'9 LIVES' is not a code");
    }

    @Test
    void systemCodesKeepTheirCategoryStayActiveAndCannotBeDeleted() throws Exception {
        long busy = codes.systemCode(OutcomeCategory.BUSY).id();

        HttpResponse<String> moved = send("PUT", "/api/v1/completion-codes/" + busy,
                "{\"name\": \"Занято\", \"category\": \"NO_ANSWER\", \"resolution\": \"RETRY\", \"retryDelaySeconds\": 7200}");
        assertThat(moved.statusCode()).isEqualTo(422);
        assertThat(json.readTree(moved.body()).get("errors").has("category")).isTrue();
        HttpResponse<String> off = send("PUT", "/api/v1/completion-codes/" + busy,
                "{\"name\": \"Занято\", \"resolution\": \"RETRY\", \"retryDelaySeconds\": 7200, \"active\": false}");
        assertThat(json.readTree(off.body()).get("errors").get("active").asText()).startsWith("System codes are always active");
        HttpResponse<String> deleted = send("DELETE", "/api/v1/completion-codes/" + busy, null);
        assertThat(deleted.statusCode()).isEqualTo(409);
        assertThat(json.readTree(deleted.body()).get("detail").asText()).isEqualTo("BUSY is a system code: it cannot be deleted.");
        assertThat(codes.code(busy)).hasValueSatisfying(code -> assertThat(code.category()).isEqualTo(OutcomeCategory.BUSY));
    }

    @Test
    void aCodeInAGroupIsNotDeletedButMayBeDeactivatedAndTheGroupThenStopsOfferingIt() throws Exception {
        long code = createCode("LATER_" + s, "RETRY");
        HttpResponse<String> group = send("POST", "/api/v1/code-groups", """
                {"name": "Group %1$s", "codes": ["SALE", "later_%1$s", "REFUSED"]}""".formatted(s));
        assertThat(group.statusCode()).as(group.body()).isEqualTo(201);
        long groupId = json.readTree(group.body()).get("id").asLong();

        HttpResponse<String> refused = send("DELETE", "/api/v1/completion-codes/" + code, null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json.readTree(refused.body()).get("detail").asText())
                .isEqualTo("LATER_" + s + " is in the groups Group " + s + ": remove it from them first, or deactivate it instead.");

        send("PUT", "/api/v1/completion-codes/" + code, "{\"name\": \"Later\", \"category\": \"ANSWERED\", \"resolution\": \"RETRY\", \"active\": false}");
        CodeGroup held = codes.group(groupId).orElseThrow();
        assertThat(held.codes()).extracting(CompletionCode::code).containsExactly("SALE", "LATER_" + s, "REFUSED");
        assertThat(held.offered()).extracting(CompletionCode::code).containsExactly("SALE", "REFUSED");

        send("PUT", "/api/v1/code-groups/" + groupId, "{\"name\": \"Group %s\", \"codes\": [\"REFUSED\", \"SALE\"]}".formatted(s));
        assertThat(codes.group(groupId).orElseThrow().codes()).extracting(CompletionCode::code).containsExactly("REFUSED", "SALE");
        assertThat(send("DELETE", "/api/v1/completion-codes/" + code, null).statusCode()).isEqualTo(204);
        assertThat(codes.code(code)).isEmpty();
    }

    @Test
    void groupsHoldOnlyKnownOperatorCodesAndNeedAUniqueName() throws Exception {
        HttpResponse<String> bad = send("POST", "/api/v1/code-groups",
                "{\"name\": \"Standard\", \"codes\": [\"SALE\", \"BUSY\", \"NO_SUCH_%s\"]}".formatted(s));
        assertThat(bad.statusCode()).isEqualTo(422);
        JsonNode errors = json.readTree(bad.body()).get("errors");
        assertThat(errors.get("name").asText()).isEqualTo("There is already a code group named 'Standard'.");
        assertThat(errors.get("codes").asText()).isEqualTo("No such codes: NO_SUCH_" + s + ". System codes are not put in groups: BUSY.");

        long groupId = json.readTree(send("POST", "/api/v1/code-groups", "{\"name\": \"Empty %s\"}".formatted(s)).body()).get("id").asLong();
        long sale = codes.code("SALE").orElseThrow().id();
        long refused = codes.code("REFUSED").orElseThrow().id();
        codes.addToGroup(groupId, sale);
        codes.addToGroup(groupId, refused);
        codes.addToGroup(groupId, sale);
        codes.moveInGroup(groupId, refused, -1);
        assertThat(codes.group(groupId).orElseThrow().codes()).extracting(CompletionCode::code).containsExactly("REFUSED", "SALE");
        assertThat(codes.addToGroup(groupId, codes.systemCode(OutcomeCategory.MACHINE).id()).ok()).isFalse();
        codes.removeFromGroup(groupId, refused);
        assertThat(codes.group(groupId).orElseThrow().codes()).extracting(CompletionCode::code).containsExactly("SALE");

        assertThat(send("DELETE", "/api/v1/code-groups/" + groupId, null).statusCode()).isEqualTo(204);
        assertThat(codes.group(groupId)).isEmpty();
        assertThat(codes.code("SALE")).as("a group's codes outlive it").isPresent();
    }

    @Test
    void aSupervisorManagesCodesAndGroupsOnThePages() {
        new TestUsers(context).ensure("codes-supervisor", "Supervisor-pass-1", false, "SUPERVISOR");
        PortalClient portal = portal();
        portal.login("codes-supervisor", "Supervisor-pass-1");

        HttpResponse<String> invalid = portal.submit("/campaigns/completion-codes/new", "/campaigns/completion-codes",
                Map.of("code", "PAGE_" + s, "name", "Page code", "resolution", "RETRY", "retryDelaySeconds", "soon"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("&#39;soon&#39; is not a whole number.").contains("Choose the outcome category.");
        assertThat(codes.code("PAGE_" + s)).as("nothing saved while a number is wrong").isEmpty();

        assertThat(portal.submit("/campaigns/completion-codes/new", "/campaigns/completion-codes", Map.of("code", "PAGE_" + s,
                "name", "Page code " + s, "category", "ANSWERED", "resolution", "RETRY", "retryDelaySeconds", "3600",
                "active", "true")).statusCode()).isEqualTo(302);
        CompletionCode created = codes.code("PAGE_" + s).orElseThrow();
        assertThat(created.retryDelaySeconds()).isEqualTo(3600);

        String list = portal.get("/campaigns/completion-codes?q=page_" + s).body();
        assertThat(list).contains("Page code " + s).contains("60 min").doesNotContain("THINK_IT_OVER");
        HttpResponse<String> rows = htmx(portal, "/campaigns/completion-codes?q=think");
        assertThat(rows.body()).contains("THINK_IT_OVER").doesNotContain("<html");

        assertThat(portal.submit("/campaigns/completion-codes", "/campaigns/completion-codes/" + created.id() + "/deactivate", Map.of())
                .statusCode()).isEqualTo(302);
        assertThat(codes.code(created.id()).orElseThrow().active()).isFalse();
        assertThat(portal.get("/campaigns/completion-codes?show=inactive").body()).contains("PAGE_" + s);

        HttpResponse<String> group = portal.submit("/campaigns/code-groups", "/campaigns/code-groups", Map.of("name", "Pages " + s));
        String groupPage = group.headers().firstValue("Location").orElseThrow().replaceAll("^https?://[^/]+", "");
        portal.submit(groupPage, groupPage + "/codes", Map.of("codeId", String.valueOf(created.id())));
        assertThat(portal.get(groupPage).body()).contains("PAGE_" + s);

        HttpResponse<String> delete = portal.submit("/campaigns/completion-codes", "/campaigns/completion-codes/" + created.id() + "/delete", Map.of());
        assertThat(delete.statusCode()).isEqualTo(302);
        assertThat(portal.get("/campaigns/completion-codes").body())
                .contains("PAGE_" + s + " is in the groups Pages " + s + ": remove it from them first, or deactivate it instead.");
    }

    @Test
    void onlyRolesThatManageCampaignsMayChangeCodes() {
        new TestUsers(context).ensure("codes-analyst", "Analyst-pass-1", false, "ANALYST");

        HttpResponse<String> denied = api.apiSend("POST", "/api/v1/completion-codes",
                "{\"code\": \"DENIED\", \"name\": \"x\", \"category\": \"BUSY\", \"resolution\": \"RETRY\"}", "codes-analyst", "Analyst-pass-1");

        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(api.api("/api/v1/completion-codes", "codes-analyst", "Analyst-pass-1").statusCode()).isEqualTo(403);
    }

    private long createCode(String code, String resolution) throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/completion-codes",
                "{\"code\": \"%s\", \"name\": \"%s\", \"category\": \"ANSWERED\", \"resolution\": \"%s\"}".formatted(code, code, resolution));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asLong();
    }

    private HttpResponse<String> htmx(PortalClient portal, String path) {
        try {
            return portal.http().send(HttpRequest.newBuilder(portal.uri(path)).header("HX-Request", "true").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return api.apiSend(method, path, body, "admin", ADMIN_PASSWORD);
    }
}
