package org.dozvon.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.contacts.ContactCards;
import org.dozvon.dialing.DialingFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The campaign's integrations in the workplace, through the real endpoints, with a previewed contact and an
 * in-process CRM: the links filled with the call's values (URL-encoded), and "refresh client data" storing the
 * CRM's fresh values into the contact, each checked, or telling the operator why the CRM gave nothing.
 */
class ArmIntegrationsTests extends ApplicationTestBase {

    private static final String LINKS = """
            [{"name": "CRM", "url": "%1$s/crm?name={name_%2$s}&phone={phone}&op={operator}&attempt={attemptId}",
              "openByDefault": true},
             {"name": "Map", "url": "https://maps.example/?q={name_%2$s}&c={contactId}&k={campaignId}"}]""";

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Operators operators;
    @Autowired
    ContactCards cards;

    private CrmServer crm;
    private ArmIntegrationsFixture card;
    private PortalClient arm;
    private long attempt;

    @BeforeEach
    void anOperatorPreviewsAContact() throws Exception {
        crm = new CrmServer();
        DialingFixture dialing = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        card = new ArmIntegrationsFixture(dialing, new ArmFixture(dialing, operators, context), operators,
                crm.url(""), LINKS);
        arm = portal();
        arm.login(card.username, ArmIntegrationsFixture.PASSWORD);
        assertThat(arm.submit("/arm", "/arm/login", Map.of("endpoint", "PJSIP/ai" + dialing.suffix)).statusCode()).isEqualTo(200);
        assertThat(arm.submit("/arm", "/arm/state", Map.of("state", "READY")).statusCode()).isEqualTo(200);
        attempt = card.awaitPreview();
    }

    @AfterEach
    void skipAndLogOut() {
        card.close();
        crm.close();
    }

    @Test
    void theCardOffersTheCampaignsLinksFilledWithTheCallsValuesUrlEncoded() {
        String panel = arm.get("/arm/panel").body().replaceAll("\\s+", " ");

        String name = URLEncoder.encode("Иван Петров", StandardCharsets.UTF_8).replace("+", "%20");
        assertThat(panel).contains("<a class=\"btn btn-sm btn-outline-primary\" target=\"_blank\" rel=\"noopener noreferrer\""
                + " href=\"" + crm.url("/crm?name=" + name + "&amp;phone=%2B" + card.number.substring(1) + "&amp;op="
                + card.username + "&amp;attempt=" + attempt) + "\" data-open-default=\"true\">CRM</a>");
        assertThat(panel).contains("href=\"https://maps.example/?q=" + name + "&amp;c=" + card.contactId + "&amp;k="
                + card.campaignId + "\">Map</a>");
        assertThat(panel).containsOnlyOnce("data-open-default").contains("id=\"arm-integrations\" class=\"mb-3\" data-attempt=\""
                + attempt + "\"").contains("Refresh client data");
        assertThat(crm.received()).as("nothing is called before the operator asks").isEmpty();
    }

    @Test
    void refreshingStoresTheCrmsFreshValuesCheckedAndMarksTheChangedOnes() {
        crm.answer(200, """
                {"%s": "Иван Петров", "%s": 1500.50, "%s": "8-800", "shoe_size": 42, "notes": {"a": 1}}"""
                .formatted(card.name, card.debt, card.mobile), Duration.ZERO);

        HttpResponse<String> refreshed = refresh(attempt);

        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(refreshed.headers().firstValue("HX-Retarget")).isEmpty();
        String block = refreshed.body();
        assertThat(block).startsWith("<section id=\"arm-integrations\"").contains("Fresh client data")
                .containsPattern("<tr class=\"table-warning dz-changed\">\\s*<th>debt " + card.dialing.suffix + "</th>\\s*<td>\\s*"
                        + "<span>1500.5</span>\\s*<del class=\"text-body-secondary ms-1\">1000</del>")
                .containsPattern("<tr>\\s*<th>name " + card.dialing.suffix + "</th>\\s*<td>\\s*<span>Иван Петров</span>")
                .contains("not saved: is not a phone number")
                .contains("not saved: is not a field of list &#39;Integrations " + card.dialing.suffix + "&#39;")
                .contains("not saved: is not a single value");
        assertThat(crm.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.uri()).isEqualTo("/clients/" + card.contactId + "?debt=1000");
            assertThat(request.authorization()).isEqualTo("Bearer " + card.token);
        });
        Map<String, Object> stored = cards.card(card.contactId).orElseThrow().values();
        assertThat(new BigDecimal(stored.get(card.debt).toString())).isEqualByComparingTo("1500.5");
        assertThat(stored).containsEntry(card.mobile, card.number).containsEntry(card.name, "Иван Петров");

        // the panel's next render keeps the refresh beside the card, whose values are the stored ones now
        String panel = arm.get("/arm/panel").body();
        assertThat(panel).contains("Fresh client data").contains("<td>1500.5</td>");
    }

    @Test
    void aCrmThatGivesNothingUsableIsExplainedToTheOperatorAndChangesNothing() {
        crm.answer(503, "{\"error\": \"maintenance\"}", Duration.ZERO);
        assertThat(refresh(attempt).body()).contains(
                "The client&#39;s data was not refreshed: the service answered with HTTP status 503.");
        crm.answer(200, "<html>login</html>", Duration.ZERO);
        assertThat(refresh(attempt).body()).contains("the service&#39;s answer is not JSON.");
        crm.answer(200, "[1, 2]", Duration.ZERO);
        assertThat(refresh(attempt).body()).contains("the service&#39;s answer is not a JSON object of field codes and values.");
        crm.answer(200, "{}", Duration.ofSeconds(3));
        HttpResponse<String> slow = refresh(attempt);
        assertThat(slow.statusCode()).isEqualTo(200);
        assertThat(slow.body()).contains("the service did not answer within 1 s.");

        assertThat(cards.card(card.contactId).orElseThrow().values().get(card.debt).toString()).isEqualTo("1000");
    }

    @Test
    void aRefreshForACallThatIsNoLongerTheOperatorsAnswersThePanel() {
        HttpResponse<String> stale = refresh(attempt + 1_000_000);

        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.headers().firstValue("HX-Retarget")).hasValue("#arm-panel");
        assertThat(stale.body()).contains("id=\"arm-panel\"").contains("That call is no longer yours: nothing was refreshed.");
        assertThat(crm.received()).isEmpty();
    }

    private HttpResponse<String> refresh(long attemptId) {
        return arm.submit("/arm", "/arm/integrations/refresh?attemptId=" + attemptId, Map.of());
    }
}
