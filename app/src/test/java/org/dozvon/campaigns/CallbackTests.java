package org.dozvon.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.Violation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Callbacks from scheduling to done, cancelled or expired. Windows lie years ahead of the real clock,
 * and "now" is passed explicitly where it matters, so the background sweep never interferes.
 */
class CallbackTests extends ApplicationTestBase {

    private static final Instant NINE = Instant.parse("2040-03-01T09:00:00Z");

    private final ObjectMapper json = new ObjectMapper();
    private PortalClient api;
    private long contactId;
    private long campaignId;

    @Autowired
    Callbacks callbacks;

    @BeforeEach
    void aContact() throws Exception {
        api = portal();
        String s = UUID.randomUUID().toString().substring(0, 8);
        send("POST", "/api/v1/contact-fields", "{\"code\": \"cb_phone_%s\", \"name\": \"Phone\", \"type\": \"PHONE\"}".formatted(s));
        long listId = json.readTree(send("POST", "/api/v1/contact-lists",
                "{\"name\": \"Callbacks %1$s\", \"fields\": [{\"code\": \"cb_phone_%1$s\"}]}".formatted(s)).body()).get("id").asLong();
        send("POST", "/api/v1/contact-lists/" + listId + "/contacts", "[{\"cb_phone_%s\": \"+79120000001\"}]".formatted(s));
        contactId = json.readTree(send("GET", "/api/v1/contact-lists/" + listId + "/contacts", null).body())
                .get("items").get(0).get("id").asLong();
        campaignId = campaign("Callbacks " + s);
    }

    private long campaign(String name) throws Exception {
        return json.readTree(send("POST", "/api/v1/campaigns", "{\"name\": \"%s\"}".formatted(name)).body()).get("id").asLong();
    }

    @Test
    void aCallbackIsPendingThenDueThenDoneAndThenStaysDone() {
        Callback callback = callbacks.schedule(personal("i.ivanov", NINE, NINE.plus(Duration.ofHours(2))), "supervisor");

        assertThat(callback.status()).isEqualTo(CallbackStatus.PENDING);
        assertThat(callback.phone()).isEqualTo("+79123456789");
        assertThat(callbacks.due(NINE.minusSeconds(1), campaignId, 10)).isEmpty();
        assertThat(callbacks.due(NINE, campaignId, 10)).extracting(Callback::id).containsExactly(callback.id());
        assertThat(callbacks.due(NINE.plus(Duration.ofHours(2)), campaignId, 10)).as("the window is half-open").isEmpty();

        Callback done = callbacks.complete(callback.id(), "i.ivanov");
        assertThat(done.status()).isEqualTo(CallbackStatus.DONE);
        assertThat(done.closedBy()).isEqualTo("i.ivanov");
        assertThat(callbacks.due(NINE, campaignId, 10)).isEmpty();
        assertThatThrownBy(() -> callbacks.cancel(callback.id(), "supervisor"))
                .isInstanceOfSatisfying(CallbackClosed.class, e -> assertThat(e.callback().status()).isEqualTo(CallbackStatus.DONE));
    }

    @Test
    void aCallbackWhoseWindowClosesExpiresAndCannotBeCancelledAnyMore() {
        Callback callback = callbacks.schedule(standard(NINE, NINE.plus(Duration.ofMinutes(30))), "crm");
        Callback later = callbacks.schedule(standard(NINE.plus(Duration.ofDays(1)), NINE.plus(Duration.ofDays(2))), "crm");

        assertThat(callbacks.sweep(NINE.plus(Duration.ofMinutes(10)))).as("one became due").isGreaterThanOrEqualTo(1);
        assertThat(callbacks.callback(callback.id()).orElseThrow().status()).as("still in the future for the real clock")
                .isEqualTo(CallbackStatus.PENDING);
        callbacks.sweep(NINE.plus(Duration.ofHours(1)));

        assertThat(callbacks.find(new CallbackStore.CallbackFilter(CallbackStatus.EXPIRED, null, campaignId, null, null, null, null, null), 10))
                .extracting(Callback::id).containsExactly(callback.id());
        assertThatThrownBy(() -> callbacks.cancel(callback.id(), "supervisor")).isInstanceOf(CallbackClosed.class);
        assertThat(callbacks.cancel(later.id(), "supervisor").status()).isEqualTo(CallbackStatus.CANCELLED);
        assertThatThrownBy(() -> callbacks.complete(-5, "x")).isInstanceOf(ReferenceNotFound.class);
    }

    @Test
    void dueCallbacksComeEarliestWindowFirstAndPerCampaign() throws Exception {
        Callback second = callbacks.schedule(standard(NINE.plusSeconds(60), NINE.plus(Duration.ofHours(1))), "crm");
        Callback first = callbacks.schedule(personal("p.petrov", NINE, NINE.plus(Duration.ofHours(1))), "crm");
        long otherCampaign = campaign("Other callbacks " + UUID.randomUUID());
        callbacks.schedule(new NewCallback(contactId, otherCampaign, "+79120000001", CallbackType.CAMPAIGN, null,
                NINE, NINE.plus(Duration.ofHours(1)), null), "crm");

        assertThat(callbacks.due(NINE.plusSeconds(120), campaignId, 10)).extracting(Callback::id).containsExactly(first.id(), second.id());
        assertThat(callbacks.due(NINE.plusSeconds(120), campaignId, 1)).extracting(Callback::id).containsExactly(first.id());
        assertThat(callbacks.due(NINE.plusSeconds(120), null, 1000))
                .filteredOn(c -> c.campaignId() == otherCampaign).hasSize(1);
    }

    @Test
    void aCallbackAskedWronglyIsRefusedFieldByField() {
        assertThat(refusal(new NewCallback(contactId, campaignId, "8-800", CallbackType.PERSONAL, null, NINE, NINE, null)))
                .containsExactlyInAnyOrder("phone callbacks.error.phone", "operator callbacks.error.operatorRequired",
                        "windowTo callbacks.error.windowOrder");
        assertThat(refusal(new NewCallback(null, null, "+79120000001", CallbackType.STANDARD, "i.ivanov", null, null, null)))
                .containsExactlyInAnyOrder("contactId callbacks.error.contactRequired", "campaignId callbacks.error.campaignRequired",
                        "operator callbacks.error.operatorOnlyPersonal", "windowFrom callbacks.error.windowFrom",
                        "windowTo callbacks.error.windowTo");
        assertThat(refusal(new NewCallback(contactId, campaignId, "+79120000001", CallbackType.STANDARD, null,
                Instant.parse("2001-01-01T00:00:00Z"), Instant.parse("2001-01-01T01:00:00Z"), null)))
                .containsExactly("windowTo callbacks.error.windowOver");
        assertThat(refusal(new NewCallback(-1L, campaignId, "+79120000001", CallbackType.STANDARD, null,
                NINE, NINE.plusSeconds(60), null)))
                .containsExactly("contactId callbacks.error.contact");
    }

    @Test
    void callbacksAreScheduledListedCompletedAndCancelledOverTheApi() throws Exception {
        String body = """
                {"contactId": %d, "campaignId": %d, "phone": "8 912 345-67-89", "type": "PERSONAL", "operator": "o.api",
                 "windowFrom": "2041-05-05T10:00:00Z", "windowTo": "2041-05-05T12:00:00Z", "comment": "after lunch"}"""
                .formatted(contactId, campaignId);
        HttpResponse<String> created = send("POST", "/api/v1/callbacks", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode callback = json.readTree(created.body());
        assertThat(callback.get("status").asText()).isEqualTo("PENDING");
        assertThat(callback.get("createdBy").asText()).isEqualTo("admin");
        assertThat(callback.get("windowFrom").asText()).isEqualTo("2041-05-05T10:00:00Z");
        long id = callback.get("id").asLong();

        HttpResponse<String> invalid = send("POST", "/api/v1/callbacks", body.replace("\"PERSONAL\"", "\"STANDARD\""));
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(json.readTree(invalid.body()).get("errors").get("operator").asText())
                .isEqualTo("Only a personal callback names an operator.");

        JsonNode mine = json.readTree(send("GET", "/api/v1/callbacks?operator=O.API&status=PENDING&campaignId=" + campaignId, null).body());
        assertThat(mine.get("items")).hasSize(1);
        assertThat(json.readTree(send("GET", "/api/v1/callbacks?date=2041-05-05&campaignId=" + campaignId, null).body()).get("items")).hasSize(1);
        assertThat(json.readTree(send("GET", "/api/v1/callbacks?date=2041-05-06&campaignId=" + campaignId, null).body()).get("items")).isEmpty();

        assertThat(json.readTree(send("POST", "/api/v1/callbacks/" + id + "/complete", null).body()).get("status").asText()).isEqualTo("DONE");
        HttpResponse<String> again = send("POST", "/api/v1/callbacks/" + id + "/cancel", null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json.readTree(again.body()).get("detail").asText()).contains("is DONE");
        assertThat(send("GET", "/api/v1/callbacks/999999999", null).statusCode()).isEqualTo(404);
    }

    @Test
    void theApiPagesCallbacksLatestWindowFirstAndFiltersThemByTheWindowsStartWithAnOffset() {
        for (String hour : new String[] {"10", "11", "12"}) {
            HttpResponse<String> created = send("POST", "/api/v1/callbacks", """
                    {"contactId": %d, "campaignId": %d, "phone": "+79120000001", "type": "STANDARD",
                     "windowFrom": "2042-01-01T%s:00:00Z", "windowTo": "2042-01-01T20:00:00Z"}""".formatted(contactId,
                    campaignId, hour));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        org.dozvon.ApiPaging paging = new org.dozvon.ApiPaging(port, "admin", ADMIN_PASSWORD);
        String mine = "/api/v1/callbacks?campaignId=" + campaignId;

        assertThat(paging.pages(mine, 2)).hasSize(2);
        assertThat(paging.values(mine, 2, "windowFrom"))
                .containsExactly("2042-01-01T12:00:00Z", "2042-01-01T11:00:00Z", "2042-01-01T10:00:00Z");
        assertThat(paging.values(mine + "&from=2042-01-01T14:00:00%2B03:00", 10, "windowFrom"))
                .containsExactly("2042-01-01T12:00:00Z", "2042-01-01T11:00:00Z");
        assertThat(paging.values(mine + "&to=2042-01-01T11:00:00Z", 10, "windowFrom"))
                .containsExactly("2042-01-01T10:00:00Z");
        assertThat(paging.values(mine + "&from=2042-01-01T10:30:00Z&to=2042-01-01T12:00:00Z&status=PENDING", 10,
                "windowFrom")).containsExactly("2042-01-01T11:00:00Z");
        org.dozvon.ApiPaging.refusedParameter(paging.get(mine + "&from=2042-01-01T12:00:00Z&to=2042-01-01T10:00:00Z",
                "en"), "to");
        org.dozvon.ApiPaging.refusedParameter(paging.get(mine + "&from=2042-01-01", "en"), "from");
        org.dozvon.ApiPaging.refusedParameter(paging.get(mine + "&status=LATE", "en"), "status");
        assertThat(paging.items("/api/v1/callbacks/due?campaignId=" + campaignId, 10)).as("not due for years").isEmpty();
    }

    @Test
    void theListPagesThroughCallbacksAndCancelsOneAfterAConfirmation() {
        for (int i = 0; i < CallbacksController.PAGE_SIZE + 2; i++) {
            callbacks.schedule(standard(NINE.plus(Duration.ofMinutes(i)), NINE.plus(Duration.ofHours(3))), "bulk");
        }
        Callback mine = callbacks.schedule(personal("page.operator", NINE, NINE.plus(Duration.ofHours(1))), "admin");
        PortalClient portal = portal();
        portal.login("admin", ADMIN_PASSWORD);
        String date = LocalDate.ofInstant(NINE, ZoneId.systemDefault()).toString();

        String first = portal.get("/campaigns/callbacks?date=" + date).body();
        assertThat(first).contains("data-confirm=").contains("Cancel the callback to +79120000001")
                .as("the earliest window is on the next page").doesNotContain("page.operator");
        String next = first.replaceAll("(?s).*href=\"(/campaigns/callbacks\\?[^\"]*before=[^\"]+)\".*", "$1").replace("&amp;", "&");
        assertThat(next).contains("before=");
        assertThat(portal.get(next).body()).contains("page.operator");

        String filtered = portal.get("/campaigns/callbacks?operator=page.operator&status=PENDING").body();
        assertThat(filtered).contains("page.operator").contains("Personal");
        HttpResponse<String> cancelled = portal.submit("/campaigns/callbacks", "/campaigns/callbacks/" + mine.id() + "/cancel", Map.of());
        assertThat(cancelled.statusCode()).isEqualTo(302);
        assertThat(callbacks.callback(mine.id()).orElseThrow().status()).isEqualTo(CallbackStatus.CANCELLED);
        portal.submit("/campaigns/callbacks", "/campaigns/callbacks/" + mine.id() + "/cancel", Map.of());
        assertThat(portal.get("/campaigns/callbacks?operator=page.operator").body())
                .contains("Callback " + mine.id() + " has been cancelled already.").contains("Cancelled");
    }

    private NewCallback personal(String operator, Instant from, Instant to) {
        return new NewCallback(contactId, campaignId, "8 (912) 345-67-89", CallbackType.PERSONAL, operator, from, to, "asked to");
    }

    private NewCallback standard(Instant from, Instant to) {
        return new NewCallback(contactId, campaignId, "+79120000001", CallbackType.STANDARD, null, from, to, null);
    }

    private java.util.List<String> refusal(NewCallback request) {
        try {
            callbacks.schedule(request, "test");
        } catch (CallbackRefused e) {
            return e.violations().stream().map((Violation v) -> v.field() + " " + v.messageKey()).toList();
        }
        throw new AssertionError("scheduled: " + request);
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return api.apiSend(method, path, body, "admin", ADMIN_PASSWORD);
    }
}
