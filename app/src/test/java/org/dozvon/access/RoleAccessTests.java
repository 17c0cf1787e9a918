package org.dozvon.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.strategy.StrategyFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every preset role opens its own pages (200) and no others (403), through the real login form.
 * The expectation is written out here on purpose: it is the product's decision, not a copy of the
 * role data it checks.
 */
class RoleAccessTests extends ApplicationTestBase {

    private static final String PASSWORD = "Role-Password-1";

    /**
     * {campaign} stands for a campaign made once for these tests, {strategy} and {decision} for an uploaded strategy,
     * {attempt} for a manual call attempt of a contact in that campaign, {webhook} for a webhook subscription.
     */
    private static final List<String> PAGES = List.of("/campaigns", "/campaigns/new", "/campaigns/{campaign}",
            "/campaigns/{campaign}/edit", "/campaigns/completion-codes",
            "/campaigns/completion-codes/new", "/campaigns/code-groups", "/campaigns/calendars", "/campaigns/callbacks",
            "/campaigns/caller-ids", "/campaigns/alerts", "/campaigns/scripts", "/campaigns/scripts/new",
            "/campaigns/{campaign}/answers", "/contacts", "/contacts/fields", "/contacts/dnc", "/contacts/lists/new", "/contacts/numbering", "/contacts/prefixes", "/contacts/time-zones", "/imports",
            "/contacts/crm-statuses", "/contacts/crm-statuses/new",
            "/imports/sources", "/strategies", "/strategies/dry-run", "/strategies/processes/{strategy}", "/strategies/processes/{strategy}/versions/1",
            "/strategies/processes/{strategy}/versions/1?migrateTo=1", "/strategies/processes/{strategy}/versions/1/xml",
            "/strategies/decisions/{decision}", "/strategies/decisions/{decision}/versions/1",
            "/strategies/decisions/{decision}/versions/1/xml", "/monitoring", "/monitoring/campaigns", "/monitoring/dashboards", "/monitoring/dashboards/list", "/calls", "/calls/{attempt}",
            "/operators", "/operators/new", "/operators/skills", "/operators/extensions", "/operators/ivr-numbers", "/reports", "/audit", "/audit/export?format=csv", "/settings", "/settings/users", "/settings/users/domain", "/settings/ldap", "/settings/api-tokens", "/settings/api-tokens/new", "/settings/mail", "/settings/sms-gateway",
            "/settings/connectors", "/settings/notification-templates", "/settings/notification-templates/new", "/settings/channel-messages",
            "/settings/webhooks", "/settings/webhooks/new", "/settings/webhooks/{webhook}", "/settings/webhooks/{webhook}/deliveries", "/arm",
            "/camunda/app/cockpit/default/");

    private static final Map<String, Set<String>> OPENS = Map.of(
            "ADMIN", Set.copyOf(PAGES),
            "SUPERVISOR", Set.of("/campaigns", "/campaigns/new", "/campaigns/{campaign}", "/campaigns/{campaign}/edit",
                    "/campaigns/completion-codes", "/campaigns/completion-codes/new",
                    "/campaigns/code-groups", "/campaigns/calendars", "/campaigns/callbacks", "/campaigns/caller-ids",
                    "/campaigns/alerts", "/campaigns/scripts", "/campaigns/scripts/new", "/campaigns/{campaign}/answers",
                    "/contacts", "/contacts/fields",
                    "/contacts/dnc", "/contacts/lists/new", "/contacts/numbering", "/contacts/prefixes", "/contacts/time-zones", "/imports",
                    "/contacts/crm-statuses", "/contacts/crm-statuses/new",
                    "/imports/sources", "/monitoring", "/monitoring/campaigns", "/monitoring/dashboards", "/monitoring/dashboards/list", "/calls", "/calls/{attempt}", "/operators", "/operators/new", "/operators/skills", "/operators/extensions", "/operators/ivr-numbers", "/reports"),
            "ANALYST", Set.of("/strategies", "/strategies/dry-run", "/strategies/processes/{strategy}", "/strategies/processes/{strategy}/versions/1",
                    "/strategies/processes/{strategy}/versions/1?migrateTo=1", "/strategies/processes/{strategy}/versions/1/xml",
                    "/strategies/decisions/{decision}", "/strategies/decisions/{decision}/versions/1",
                    "/strategies/decisions/{decision}/versions/1/xml", "/reports", "/settings", "/settings/notification-templates",
                    "/settings/notification-templates/new", "/settings/channel-messages", "/camunda/app/cockpit/default/"),
            "OPERATOR", Set.of("/arm"),
            "AUDITOR", Set.of("/audit", "/audit/export?format=csv", "/reports"));

    private static final Map<String, String> HOME = Map.of(
            "ADMIN", "/campaigns",
            "SUPERVISOR", "/campaigns",
            "ANALYST", "/strategies",
            "OPERATOR", "/arm",
            "AUDITOR", "/reports");

    @Autowired
    ApplicationContext context;

    private static Long campaignId;
    private static Long attemptId;
    private static Long webhookId;
    private static final String STRATEGY = "role_access_strategy";
    private static final String DECISION = "role_access_decision";
    private static boolean strategyUploaded;

    @BeforeEach
    void oneUserPerRoleAndACampaign() {
        TestUsers users = new TestUsers(context);
        OPENS.keySet().forEach(role -> users.ensure(userOf(role), PASSWORD, false, role));
        if (campaignId == null) {
            HttpResponse<String> created = portal().apiSend("POST", "/api/v1/campaigns",
                    "{\"name\": \"Role access " + java.util.UUID.randomUUID() + "\"}", "admin", ADMIN_PASSWORD);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            campaignId = Long.valueOf(created.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1"));
        }
        if (attemptId == null) {
            attemptId = manualAttempt();
        }
        if (webhookId == null) {
            HttpResponse<String> hook = portal().apiSend("POST", "/api/v1/webhooks", """
                    {"name": "Role access %s", "url": "http://127.0.0.1:1/hooks", "eventTypes": ["campaign.state.changed"],
                     "campaignId": %d}""".formatted(java.util.UUID.randomUUID(), campaignId), "admin", ADMIN_PASSWORD);
            assertThat(hook.statusCode()).as(hook.body()).isEqualTo(201);
            webhookId = Long.valueOf(hook.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1"));
        }
        if (!strategyUploaded) {
            HttpResponse<String> uploaded = StrategyFixtures.upload(port, "admin", ADMIN_PASSWORD, Map.of(
                    STRATEGY + ".bpmn", StrategyFixtures.strategy(STRATEGY, DECISION),
                    DECISION + ".dmn", StrategyFixtures.decision(DECISION)));
            assertThat(uploaded.statusCode()).as(uploaded.body()).isIn(200, 201);
            strategyUploaded = true;
        }
    }

    /** A contact of a list of its own and a manual call attempt to it in the test campaign (never dialled). */
    private long manualAttempt() {
        String code = "role_phone_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        assertThat(portal().apiSend("POST", "/api/v1/contact-fields",
                "{\"code\": \"%s\", \"name\": \"Phone\", \"type\": \"PHONE\"}".formatted(code), "admin", ADMIN_PASSWORD)
                .statusCode()).isEqualTo(201);
        HttpResponse<String> list = portal().apiSend("POST", "/api/v1/contact-lists",
                "{\"name\": \"Role access %s\", \"fields\": [{\"code\": \"%1$s\"}]}".formatted(code), "admin", ADMIN_PASSWORD);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(201);
        long listId = Long.parseLong(list.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1"));
        HttpResponse<String> added = portal().apiSend("POST", "/api/v1/contact-lists/" + listId + "/contacts",
                "[{\"%s\": \"+79001234567\"}]".formatted(code), "admin", ADMIN_PASSWORD);
        assertThat(added.statusCode()).as(added.body()).isIn(200, 201);
        long contactId = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("select id from contact where list_id = :list").param("list", listId).query(Long.class).single();
        return context.getBean(org.dozvon.dialing.DialQueue.class).manual(campaignId, contactId, "+79001234567",
                "Europe/Moscow", java.time.LocalDate.now(), java.time.Instant.now()).id();
    }

    static Stream<Arguments> roleAndPage() {
        return OPENS.keySet().stream().sorted().flatMap(role -> PAGES.stream().map(page -> Arguments.of(role, page)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("roleAndPage")
    void eachRoleOpensItsPagesAndNoOthers(String role, String page) {
        PortalClient portal = loggedInAs(role);

        HttpResponse<String> response = portal.get(concrete(page));

        assertThat(response.statusCode())
                .as("%s opening %s: %.300s", role, page, response.body())
                .isEqualTo(OPENS.get(role).contains(page) ? 200 : 403);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void homeIsTheFirstSectionTheRoleMayOpen(String role) {
        HttpResponse<String> home = loggedInAs(role).get("/");

        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith(HOME.get(role)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void navigationShowsOnlyWhatTheRoleMayOpen(String role) {
        String page = loggedInAs(role).get(HOME.get(role)).body();

        for (String path : List.of("/campaigns", "/contacts", "/strategies", "/settings")) {
            boolean linked = page.contains("href=\"" + path + "\"");
            boolean isArm = HOME.get(role).equals("/arm"); // the workplace has no portal navigation
            assertThat(linked).as("%s sees a link to %s", role, path)
                    .isEqualTo(!isArm && OPENS.get(role).contains(path));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void deniedPageIsTheFriendlyErrorPage(String role) {
        String denied = PAGES.stream().filter(page -> !OPENS.get(role).contains(page)).findFirst().orElse(null);
        if (denied == null) {
            return; // the administrator is denied nothing
        }
        HttpResponse<String> response = loggedInAs(role).get(concrete(denied));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("Access denied").doesNotContain("Exception")
                .as("the simulated-telephony banner is on every page").contains("Simulated telephony.");
    }

    private static String concrete(String page) {
        return page.replace("{campaign}", String.valueOf(campaignId)).replace("{attempt}", String.valueOf(attemptId)).replace("{strategy}", STRATEGY)
                .replace("{decision}", DECISION).replace("{webhook}", String.valueOf(webhookId));
    }

    static Stream<String> roles() {
        return OPENS.keySet().stream().sorted();
    }

    private PortalClient loggedInAs(String role) {
        PortalClient portal = portal();
        HttpResponse<String> login = role.equals("ADMIN")
                ? portal.login("admin", ADMIN_PASSWORD)
                : portal.login(userOf(role), PASSWORD);
        assertThat(login.headers().firstValue("Location")).as("login of %s", role)
                .hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));
        return portal;
    }

    private static String userOf(String role) {
        return role.equals("ADMIN") ? "admin" : role.toLowerCase() + "-user";
    }
}
