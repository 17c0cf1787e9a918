package org.dozvon.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.access.Audit;
import org.dozvon.access.AuditEvent;
import org.dozvon.access.TestUsers;
import org.dozvon.agents.OperatorState;
import org.dozvon.agents.OperatorView;
import org.dozvon.agents.Operators;
import org.dozvon.campaigns.CampaignStatus;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.dialing.DialingFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Monitoring → Active campaigns as a supervisor uses it: each running or paused campaign with its figures and the
 * operators working it; pause, resume, stop and the weight; an operator's state and a forced move; the pools grid —
 * each action audited; a user who may only watch sees no buttons and is refused the actions.
 */
class ActiveCampaignsPageTests extends ApplicationTestBase {

    private static final String PAGE = "/monitoring/campaigns";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Operators operators;
    @Autowired
    Campaigns campaigns;
    @Autowired
    Audit audit;
    @Autowired
    ApplicationContext context;

    private PortalClient browser;
    private final List<Long> started = new ArrayList<>();
    private final List<Long> loggedIn = new ArrayList<>();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void loggedIn() {
        browser = portal();
        browser.login("admin", ADMIN_PASSWORD);
    }

    @AfterEach
    void stopCampaignsAndLogOut() throws Exception {
        DialingFixture fixture = fixture();
        for (long campaign : started) {
            fixture.send("POST", "/api/v1/campaigns/" + campaign + "/stop", null);
        }
        DialingFixture.await("operators free", Duration.ofSeconds(30), () -> loggedIn.stream().allMatch(id -> {
            OperatorView operator = operators.operator(id).orElseThrow();
            if (operator.state() == OperatorState.WRAP_UP) {
                operators.finishWrapUp(id, operator.attemptId(), null, null);
            }
            return !operators.operator(id).orElseThrow().state().holdsCall();
        }));
        loggedIn.forEach(id -> operators.changeState(id, OperatorState.OFFLINE));
    }

    private DialingFixture fixture() {
        return new DialingFixture(port, ADMIN_PASSWORD, jdbc);
    }

    /** A running campaign of {@code contacts} contacts; PREVIEW dials nothing while none of its operators is Ready. */
    private long running(int contacts, String mode) throws Exception {
        DialingFixture own = fixture();
        long id = own.startedCampaign(own.list(contacts),
                "\"dialing\": {\"mode\": \"%s\", \"wrapUpSeconds\": 0}".formatted(mode));
        started.add(id);
        return id;
    }

    /** An operator with a phone, logged out (logged out again after the test). */
    private long operator(String name) {
        Operators.Saved saved = operators.save(null, new Operators.OperatorDraft(name + " " + suffix, null,
                "PJSIP/" + name.toLowerCase() + suffix, null, Map.of()));
        assertThat(saved.violations()).isEmpty();
        loggedIn.add(saved.id());
        return saved.id();
    }

    private HttpResponse<String> post(String action, List<String> fields) {
        return browser.postFieldsWithTokenOf(browser.get(PAGE).body(), action, fields);
    }

    /** The page's block of one campaign. */
    private static String block(String page, long campaign) {
        int start = page.indexOf("id=\"campaign-" + campaign + "\"");
        assertThat(start).as("campaign %s on the page", campaign).isNotNegative();
        return page.substring(start, page.indexOf("</section>", start));
    }

    /** The pools grid's checkbox of an operator and a campaign, as rendered. */
    private static String box(String page, long operator, long campaign) {
        java.util.regex.Matcher box = java.util.regex.Pattern.compile("<input [^>]*id=\"pool-" + operator + "-" + campaign
                + "\"[^>]*>").matcher(page);
        assertThat(box.find()).as("box of operator %s, campaign %s", operator, campaign).isTrue();
        return box.group();
    }

    private List<AuditEvent> audited(String type, long id, String action) {
        return audit.of(type, id, 50).stream().filter(e -> e.action().equals(action)).toList();
    }

    @Test
    void eachActiveCampaignShowsItsFiguresAndTheOperatorsWorkingItAndTheLiveBlocksComeAlone() throws Exception {
        long campaign = running(3, "PROGRESSIVE");
        long olga = operator("Olga");
        fixture().send("PUT", "/api/v1/operators/" + olga + "/campaigns", "{\"campaigns\": [%d]}".formatted(campaign));
        operators.changeState(olga, OperatorState.READY);
        DialingFixture.await("Olga on the campaign, every contact taken", Duration.ofSeconds(30), () ->
                Long.valueOf(campaign).equals(operators.operator(olga).orElseThrow().campaignId())
                        && !block(browser.get(PAGE).body(), campaign).contains("still being taken"));

        String page = browser.get(PAGE).body();
        String block = block(page, campaign);
        CampaignView view = campaigns.find(campaign).orElseThrow();
        assertThat(block).contains(view.name(), "data-status=\"RUNNING\"", "Running", "Progressive", "started ",
                "class=\"dz-total\">3<", "Olga " + suffix, "PJSIP/olga" + suffix, "Pause", "Stop", "Move");
        assertThat(view.startedAt()).isNotNull();
        assertThat(page).contains("sse-swap=\"active-campaigns\"", "id=\"pools-form\"");
        assertThat(box(page, olga, campaign)).contains("checked");

        String live = browser.get(PAGE + "/live").body();
        assertThat(live).startsWith("<div id=\"active-campaigns\"").contains("Olga " + suffix).doesNotContain("<nav");
    }

    @Test
    void pauseResumeAndStopFromThePageAreAuditedAndShown() throws Exception {
        long campaign = running(2, "PREVIEW");

        assertThat(post(PAGE + "/" + campaign + "/pause", List.of()).statusCode()).isEqualTo(302);
        assertThat(campaigns.find(campaign).orElseThrow().status()).isEqualTo(CampaignStatus.PAUSED);
        String page = browser.get(PAGE).body();
        assertThat(page).contains("Campaign paused");
        assertThat(block(page, campaign)).contains("data-status=\"PAUSED\"", "Resume").doesNotContain(">Pause<");

        post(PAGE + "/" + campaign + "/resume", List.of());
        post(PAGE + "/" + campaign + "/stop", List.of());
        assertThat(campaigns.find(campaign).orElseThrow().status()).isEqualTo(CampaignStatus.STOPPED);
        assertThat(browser.get(PAGE).body()).doesNotContain("id=\"campaign-" + campaign + "\"");

        List<AuditEvent> pauses = audited("campaign", campaign, "campaign.pause");
        assertThat(pauses).hasSize(1);
        assertThat(pauses.get(0).username()).isEqualTo("admin");
        assertThat(pauses.get(0).before()).contains("RUNNING");
        assertThat(pauses.get(0).after()).contains("PAUSED");
        assertThat(audited("campaign", campaign, "campaign.resume")).hasSize(1);
        assertThat(audited("campaign", campaign, "campaign.stop")).hasSize(1);

        // a stopped campaign cannot be paused: refused with the reason, nothing recorded
        HttpResponse<String> refused = post(PAGE + "/" + campaign + "/pause", List.of());
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(browser.get(PAGE).body()).contains("alert-danger");
        assertThat(audited("campaign", campaign, "campaign.pause")).hasSize(1);
        assertThat(post(PAGE + "/999999999/pause", List.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void theWeightIsChangedFromThePageAsANewRevisionAndBadValuesAreExplained() throws Exception {
        long campaign = running(1, "PREVIEW");
        long revision = campaigns.find(campaign).orElseThrow().revision();

        assertThat(post(PAGE + "/" + campaign + "/weight", List.of("weight", "7")).statusCode()).isEqualTo(302);
        CampaignView changed = campaigns.find(campaign).orElseThrow();
        assertThat(changed.settings().weight()).isEqualTo(7);
        assertThat(changed.revision()).isEqualTo(revision + 1);
        assertThat(campaigns.running()).filteredOn(c -> c.id() == campaign)
                .allSatisfy(c -> assertThat(c.settings().weight()).isEqualTo(7));
        List<AuditEvent> records = audited("campaign", campaign, "campaign.weight");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).before()).isEqualTo("{\"weight\": 1}");
        assertThat(records.get(0).after()).isEqualTo("{\"weight\": 7}");

        for (String bad : List.of("abc", "0", "1001", "")) {
            HttpResponse<String> refused = post(PAGE + "/" + campaign + "/weight", List.of("weight", bad));
            assertThat(refused.statusCode()).as("weight '%s'", bad).isEqualTo(422);
            assertThat(block(refused.body(), campaign)).contains("Give a whole number from 1 to 1000.", "is-invalid");
        }
        assertThat(campaigns.find(campaign).orElseThrow().settings().weight()).isEqualTo(7);
        assertThat(post(PAGE + "/999999999/weight", List.of("weight", "5")).statusCode()).isEqualTo(404);
    }

    @Test
    void anOperatorIsMovedAndLoggedOutFromThePageEachActionAudited() throws Exception {
        long campaign = running(1, "PREVIEW");
        long pavel = operator("Pavel");
        operators.changeState(pavel, OperatorState.NOT_READY);

        String page = browser.get(PAGE).body();
        assertThat(page.substring(page.indexOf("id=\"operators-unassigned\""))).contains("Pavel " + suffix);
        assertThat(browser.postFieldsWithTokenOf(page, PAGE + "/operators/" + pavel + "/move",
                List.of("campaignId", String.valueOf(campaign))).statusCode()).isEqualTo(302);
        assertThat(operators.operator(pavel).orElseThrow().pinnedCampaignId()).isEqualTo(campaign);
        assertThat(browser.get(PAGE).body()).contains("Operator moved.");
        assertThat(audited("operator", pavel, "operator.move")).hasSize(1);

        post(PAGE + "/operators/" + pavel + "/move", List.of("campaignId", ""));
        assertThat(operators.operator(pavel).orElseThrow().pinnedCampaignId()).isNull();
        assertThat(audited("operator", pavel, "operator.move")).hasSize(2);

        assertThat(post(PAGE + "/operators/" + pavel + "/state", List.of("state", "OFFLINE")).statusCode())
                .isEqualTo(302);
        assertThat(operators.operator(pavel).orElseThrow().state()).isEqualTo(OperatorState.OFFLINE);
        List<AuditEvent> states = audited("operator", pavel, "operator.state");
        assertThat(states).hasSize(1);
        assertThat(states.get(0).before()).contains("NOT_READY");
        assertThat(states.get(0).after()).contains("OFFLINE", "NOW");

        // logged out, it cannot be moved: the reason is shown
        post(PAGE + "/operators/" + pavel + "/move", List.of("campaignId", String.valueOf(campaign)));
        assertThat(browser.get(PAGE).body()).contains("Pavel " + suffix + " is logged out");
        assertThat(post(PAGE + "/operators/999999999/move", List.of("campaignId", "")).statusCode()).isEqualTo(404);
    }

    @Test
    void thePoolsGridSavesTheTickedBoxesAndKeepsMembershipOfOtherCampaigns() throws Exception {
        long first = running(1, "PREVIEW");
        long second = running(1, "PREVIEW");
        HttpResponse<String> elsewhere = fixture().send("POST", "/api/v1/campaigns", "{\"name\": \"Elsewhere " + suffix + "\"}");
        long draft = fixture().read(elsewhere.body()).get("id").asLong();
        long rita = operator("Rita");
        long semyon = operator("Semyon");
        fixture().send("PUT", "/api/v1/operators/" + rita + "/campaigns", "{\"campaigns\": [%d]}".formatted(draft));

        HttpResponse<String> saved = post(PAGE + "/pools", List.of("scope", String.valueOf(first), "scope",
                String.valueOf(second), "operator", String.valueOf(rita), "operator", String.valueOf(semyon),
                "pool", rita + ":" + first, "pool", semyon + ":" + first, "pool", semyon + ":" + second));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(operators.campaignsOf(rita)).containsExactlyInAnyOrder(draft, first);
        assertThat(operators.campaignsOf(semyon)).containsExactlyInAnyOrder(first, second);
        String page = browser.get(PAGE).body();
        assertThat(page).contains("Pools saved.");
        assertThat(box(page, semyon, second)).contains("checked");
        assertThat(box(page, rita, second)).doesNotContain("checked");
        assertThat(audited("operator", rita, "operator.pools")).hasSize(2);
        assertThat(audited("operator", semyon, "operator.pools")).hasSize(1);

        // Semyon's second box unticked; Rita's row left as it was: only Semyon's pool changes
        post(PAGE + "/pools", List.of("scope", String.valueOf(first), "scope", String.valueOf(second),
                "operator", String.valueOf(rita), "operator", String.valueOf(semyon),
                "pool", rita + ":" + first, "pool", semyon + ":" + first));
        assertThat(operators.campaignsOf(semyon)).containsExactly(first);
        assertThat(operators.campaignsOf(rita)).containsExactlyInAnyOrder(draft, first);
        assertThat(audited("operator", semyon, "operator.pools")).hasSize(2);
        assertThat(audited("operator", rita, "operator.pools")).hasSize(2);
        assertThat(box(browser.get(PAGE).body(), semyon, second)).doesNotContain("checked");
    }

    @Test
    void aUserWhoMayOnlyWatchSeesNoActionsAndIsRefusedThem() throws Exception {
        long campaign = running(1, "PREVIEW");
        long tanya = operator("Tanya");
        String role = "WATCH_" + suffix.toUpperCase();
        jdbc.sql("insert into access_role (code, name) values (:code, :code)").param("code", role).update();
        jdbc.sql("insert into access_role_permission (role_code, permission) values (:code, 'MONITORING_VIEW'),"
                + " (:code, 'CAMPAIGNS_VIEW'), (:code, 'OPERATORS_VIEW')").param("code", role).update();
        new TestUsers(context).ensure("watcher" + suffix, "Watcher-Password-1", false, role);
        PortalClient watcher = portal();
        watcher.login("watcher" + suffix, "Watcher-Password-1");

        HttpResponse<String> page = watcher.get(PAGE);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(block(page.body(), campaign)).doesNotContain("/pause", "/stop", "name=\"weight\"");
        assertThat(page.body()).doesNotContain("/operators/" + tanya + "/move", "Save pools");
        assertThat(box(page.body(), tanya, campaign)).contains("disabled");

        assertThat(watcher.postFieldsWithTokenOf(page.body(), PAGE + "/" + campaign + "/pause", List.of()).statusCode())
                .isEqualTo(403);
        assertThat(watcher.postFieldsWithTokenOf(page.body(), PAGE + "/" + campaign + "/weight", List.of("weight", "3"))
                .statusCode()).isEqualTo(403);
        assertThat(watcher.postFieldsWithTokenOf(page.body(), PAGE + "/pools", List.of("scope", String.valueOf(campaign),
                "operator", String.valueOf(tanya), "pool", tanya + ":" + campaign)).statusCode()).isEqualTo(403);
        assertThat(watcher.postFieldsWithTokenOf(page.body(), PAGE + "/operators/" + tanya + "/move",
                List.of("campaignId", String.valueOf(campaign))).statusCode()).isEqualTo(403);
        assertThat(campaigns.find(campaign).orElseThrow().status()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(operators.campaignsOf(tanya)).isEmpty();
    }
}
