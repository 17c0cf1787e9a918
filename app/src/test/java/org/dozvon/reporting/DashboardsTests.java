package org.dozvon.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.access.TestUsers;
import org.dozvon.campaigns.OutcomeCategory;
import org.dozvon.dialing.AttemptRecords;
import org.dozvon.dialing.DialingFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Monitoring → Dashboards through the real login and pages: the default dashboard of a first visit, dashboards and
 * widgets created, changed, moved and removed, refusals that say why, each user seeing only their own (404 for
 * anyone else's), and each widget's data as a Chart.js configuration in the reader's language.
 */
class DashboardsTests extends ApplicationTestBase {

    private static final String PASSWORD = "Dashboard-Pass-1";
    private static final Pattern WIDGET = Pattern.compile("data-widget=\"(\\d+)\" data-kind=\"([A-Z_]+)\"");
    private static final Pattern DASHBOARD = Pattern.compile("action=\"/monitoring/dashboards/(\\d+)/widgets\"");

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ReportingProperties properties;

    private final ObjectMapper json = new ObjectMapper();
    private String suffix;

    @BeforeEach
    void suffix() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aFirstVisitShowsADefaultDashboardOfThreeWidgetsMadeOnce() {
        PortalClient portal = supervisor("first");

        HttpResponse<String> page = portal.get("/monitoring/dashboards");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("My dashboard").contains("Calls by hour today").contains("Campaign progress")
                .contains("Abandon rate").containsPattern("/webjars/chart.js/[0-9.]+/dist/chart.umd.min.js")
                .contains("/js/dashboards.js")
                .contains("sse-swap=\"dashboard-tick\"");
        assertThat(widgets(page.body())).extracting(w -> w[1])
                .containsExactly("CALLS_BY_HOUR", "CAMPAIGN_PROGRESS", "ABANDON_RATE");
        portal.get("/monitoring/dashboards");
        portal.get("/monitoring/dashboards/list");
        assertThat(jdbc.sql("select count(*) from dashboard where owner = :owner").param("owner", user("first"))
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aUserCreatesRenamesChoosesAndDeletesDashboards() {
        PortalClient portal = supervisor("crud");
        long first = dashboardId(portal.get("/monitoring/dashboards").body());

        HttpResponse<String> created = portal.submit("/monitoring/dashboards/list", "/monitoring/dashboards",
                Map.of("name", "Evening shift", "description", "After six", "onHome", "true"));
        assertThat(created.statusCode()).isEqualTo(302);
        long evening = Long.parseLong(created.headers().firstValue("Location").orElseThrow()
                .replaceAll(".*/monitoring/dashboards/(\\d+)$", "$1"));
        assertThat(portal.get("/monitoring/dashboards/" + evening).body()).contains("Dashboard added.").contains("After six")
                .contains("No widgets yet");
        assertThat(dashboardId(portal.get("/monitoring/dashboards").body()))
                .as("the new one is shown on the main screen now").isEqualTo(evening);

        HttpResponse<String> renamed = portal.submit("/monitoring/dashboards/list", "/monitoring/dashboards/" + first,
                Map.of("name", "Morning shift", "description", "", "onHome", "true"));
        assertThat(renamed.statusCode()).isEqualTo(302);
        String list = portal.get("/monitoring/dashboards/list").body();
        assertThat(list).contains("Dashboard saved.").contains("value=\"Morning shift\"")
                .contains("data-confirm=\"Delete the dashboard &quot;Evening shift&quot; with all its widgets?\"");
        assertThat(dashboardId(portal.get("/monitoring/dashboards").body())).isEqualTo(first);

        HttpResponse<String> deleted = portal.submit("/monitoring/dashboards/list",
                "/monitoring/dashboards/" + first + "/delete", Map.of());
        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(portal.get("/monitoring/dashboards/" + first).statusCode()).isEqualTo(404);
        assertThat(dashboardId(portal.get("/monitoring/dashboards").body()))
                .as("with the home one gone, the first left opens").isEqualTo(evening);
    }

    @Test
    void refusedDashboardFormsSayWhy() {
        PortalClient portal = supervisor("refused");
        portal.get("/monitoring/dashboards");

        HttpResponse<String> blank = portal.submit("/monitoring/dashboards/list", "/monitoring/dashboards",
                Map.of("name", "  "));
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("Give the dashboard a name.");

        HttpResponse<String> taken = portal.submit("/monitoring/dashboards/list", "/monitoring/dashboards",
                Map.of("name", "my DASHBOARD"));
        assertThat(taken.statusCode()).isEqualTo(400);
        assertThat(taken.body()).contains("You already have a dashboard named &quot;my DASHBOARD&quot;.");

        HttpResponse<String> russian = portal.submit("/monitoring/dashboards/list?lang=ru", "/monitoring/dashboards",
                Map.of("name", ""));
        assertThat(russian.body()).contains("Укажите наименование дашборда.");
    }

    @Test
    void widgetsAreAddedSetUpMovedAndRemoved() throws Exception {
        PortalClient portal = supervisor("widgets");
        String page = portal.get("/monitoring/dashboards").body();
        long dashboard = dashboardId(page);
        String path = "/monitoring/dashboards/" + dashboard;

        HttpResponse<String> added = portal.submit(path, path + "/widgets", Map.of("kind", "OPERATOR_COMPARISON"));
        assertThat(added.statusCode()).isEqualTo(302);
        List<String[]> widgets = widgets(portal.get(path).body());
        assertThat(widgets).extracting(w -> w[1])
                .containsExactly("CALLS_BY_HOUR", "CAMPAIGN_PROGRESS", "ABANDON_RATE", "OPERATOR_COMPARISON");
        long operators = Long.parseLong(widgets.get(3)[0]);
        assertThat(added.headers().firstValue("Location").orElseThrow()).endsWith(path + "#widget-" + operators);

        HttpResponse<String> saved = portal.submit(path, "/monitoring/dashboards/widgets/" + operators,
                Map.of("title", "Team today", "width", "12", "campaignId", "", "period", "LAST_7_DAYS", "chart", "BAR"));
        assertThat(saved.statusCode()).isEqualTo(302);
        String after = portal.get(path).body();
        assertThat(after).contains("Widget saved.").contains(">Team today</h2>");
        assertThat(after).containsPattern("id=\"widget-" + operators + "\" class=\"col-12 col-lg-12\"");
        assertThat(jdbc.sql("select settings ->> 'period' from dashboard_widget where id = :id").param("id", operators)
                .query(String.class).single()).isEqualTo("LAST_7_DAYS");

        HttpResponse<String> badWidth = portal.submit(path, "/monitoring/dashboards/widgets/" + operators,
                Map.of("title", "x", "width", "5", "campaignId", "999999999", "period", "TODAY"));
        assertThat(badWidth.statusCode()).isEqualTo(400);
        assertThat(badWidth.body()).contains("Choose one of the widths offered.").contains("There is no such campaign.")
                .contains("class=\"collapse show\" id=\"widget-settings-" + operators + "\"");

        HttpResponse<String> badChart = portal.submit(path, "/monitoring/dashboards/widgets/" + widgets.get(1)[0],
                Map.of("width", "6", "chart", "LINE"));
        assertThat(badChart.statusCode()).as("campaign progress has no lines").isEqualTo(400);
        assertThat(badChart.body()).contains("This widget cannot be drawn that way.");

        portal.submit(path, "/monitoring/dashboards/widgets/" + operators + "/move", Map.of("direction", "up"));
        portal.submit(path, "/monitoring/dashboards/widgets/" + operators + "/move", Map.of("direction", "up"));
        assertThat(widgets(portal.get(path).body())).extracting(w -> w[1])
                .containsExactly("CALLS_BY_HOUR", "OPERATOR_COMPARISON", "CAMPAIGN_PROGRESS", "ABANDON_RATE");
        long first = Long.parseLong(widgets.get(0)[0]);
        portal.submit(path, "/monitoring/dashboards/widgets/" + first + "/move", Map.of("direction", "up"));
        portal.submit(path, "/monitoring/dashboards/widgets/" + first + "/move", Map.of("direction", "down"));
        assertThat(widgets(portal.get(path).body())).extracting(w -> w[1]).as("the first stays first going up")
                .containsExactly("OPERATOR_COMPARISON", "CALLS_BY_HOUR", "CAMPAIGN_PROGRESS", "ABANDON_RATE");

        HttpResponse<String> removed = portal.submit(path, "/monitoring/dashboards/widgets/" + operators + "/delete",
                Map.of());
        assertThat(removed.statusCode()).isEqualTo(302);
        String afterRemoval = portal.get(path).body();
        assertThat(widgets(afterRemoval)).extracting(w -> w[1])
                .containsExactly("CALLS_BY_HOUR", "CAMPAIGN_PROGRESS", "ABANDON_RATE");
        assertThat(afterRemoval).contains("Widget removed.")
                .contains("data-confirm=\"Remove the widget &quot;Calls by hour today&quot;?\"");
    }

    @Test
    void anotherUsersDashboardsAndWidgetsAreNotFound() {
        PortalClient owner = supervisor("owner");
        String page = owner.get("/monitoring/dashboards").body();
        long dashboard = dashboardId(page);
        long widget = Long.parseLong(widgets(page).get(0)[0]);
        PortalClient other = supervisor("other");
        String otherPage = other.get("/monitoring/dashboards").body();

        assertThat(other.get("/monitoring/dashboards/" + dashboard).statusCode()).isEqualTo(404);
        assertThat(other.get("/monitoring/dashboards/widgets/" + widget + "/data", "application/json").statusCode())
                .isEqualTo(404);
        assertThat(other.postFormWithTokenOf(otherPage, "/monitoring/dashboards/" + dashboard,
                Map.of("name", "Taken over")).statusCode()).isEqualTo(404);
        assertThat(other.postFormWithTokenOf(otherPage, "/monitoring/dashboards/" + dashboard + "/widgets",
                Map.of("kind", "CALLS_BY_DAY")).statusCode()).isEqualTo(404);
        assertThat(other.postFormWithTokenOf(otherPage, "/monitoring/dashboards/widgets/" + widget,
                Map.of("width", "4")).statusCode()).isEqualTo(404);
        assertThat(other.postFormWithTokenOf(otherPage, "/monitoring/dashboards/widgets/" + widget + "/move",
                Map.of("direction", "down")).statusCode()).isEqualTo(404);
        assertThat(other.postFormWithTokenOf(otherPage, "/monitoring/dashboards/widgets/" + widget + "/delete",
                Map.of()).statusCode()).isEqualTo(404);
        assertThat(other.postFormWithTokenOf(otherPage, "/monitoring/dashboards/" + dashboard + "/delete",
                Map.of()).statusCode()).isEqualTo(404);
        assertThat(other.get("/monitoring/dashboards/list").body()).doesNotContain("/monitoring/dashboards/" + dashboard + "\"");

        String unchanged = owner.get("/monitoring/dashboards/" + dashboard).body();
        assertThat(unchanged).contains("My dashboard").doesNotContain("Taken over");
        assertThat(widgets(unchanged)).hasSize(3);

        PortalClient analyst = loggedIn("analyst", "ANALYST");
        assertThat(analyst.get("/monitoring/dashboards/widgets/" + widget + "/data", "application/json").statusCode())
                .as("no MONITORING_VIEW").isEqualTo(403);
    }

    @Test
    void callsByHourAreAChartJsConfigurationOfTheSevenCategoriesInTheReadersLanguage() throws Exception {
        DialingFixture fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        long listId = fixture.list(1);
        long contact = jdbc.sql("select id from contact where list_id = :l").param("l", listId).query(Long.class).single();
        long campaign = draftCampaign(fixture, listId);
        Instant now = Instant.now();
        AttemptRecords records = new AttemptRecords(context);
        records.ended(campaign, contact, OutcomeCategory.BUSY, now);
        records.ended(campaign, contact, OutcomeCategory.BUSY, now);
        records.talked(campaign, contact, 424242, "Sidorova", now, Duration.ofSeconds(90), Duration.ofSeconds(6));
        PortalClient portal = supervisor("data");
        String page = portal.get("/monitoring/dashboards").body();
        long hourly = Long.parseLong(widgets(page).get(0)[0]);
        portal.submit("/monitoring/dashboards", "/monitoring/dashboards/widgets/" + hourly,
                Map.of("width", "12", "campaignId", String.valueOf(campaign), "chart", "STACKED"));

        JsonNode chart = data(portal, hourly, "en");

        assertThat(chart.get("type").asText()).isEqualTo("bar");
        assertThat(chart.get("title").asText()).isEqualTo("Calls by hour today");
        assertThat(chart.at("/data/labels")).hasSize(24);
        assertThat(chart.at("/data/labels/0").asText()).isEqualTo("00");
        JsonNode datasets = chart.at("/data/datasets");
        assertThat(datasets).hasSize(7);
        assertThat(labels(datasets)).containsExactly("Answered", "No answer", "Busy", "Rejected", "Abandoned",
                "Answering machine", "Failed");
        assertThat(datasets.get(0).get("backgroundColor").asText()).isEqualTo("#198754");
        assertThat(datasets.get(4).get("backgroundColor").asText()).isEqualTo("#dc3545");
        int hour = LocalDateTime.ofInstant(now, properties.zone()).getHour();
        assertThat(datasets.get(2).get("data").get(hour).asLong()).isEqualTo(2);
        assertThat(datasets.get(0).get("data").get(hour).asLong()).isEqualTo(1);
        assertThat(chart.at("/options/scales/x/stacked").asBoolean()).isTrue();
        assertThat(chart.at("/options/scales/y/stacked").asBoolean()).isTrue();
        assertThat(chart.at("/dozvon/empty").isNull()).isTrue();

        JsonNode russian = data(portal, hourly, "ru");
        assertThat(labels(russian.at("/data/datasets"))).startsWith("Ответ");
        assertThat(russian.get("title").asText()).isEqualTo("Звонки по часам за сегодня");
        assertThat(russian.at("/options/scales/y/title/text").asText()).isEqualTo("Звонки");
    }

    @Test
    void everyKindAnswersItsChart() throws Exception {
        DialingFixture fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        long listId = fixture.list(1);
        long contact = jdbc.sql("select id from contact where list_id = :l").param("l", listId).query(Long.class).single();
        long campaign = draftCampaign(fixture, listId);
        Instant now = Instant.now();
        AttemptRecords records = new AttemptRecords(context);
        records.talked(campaign, contact, 515151, "Kuznetsova", now, Duration.ofSeconds(120), Duration.ofSeconds(8));
        records.talked(campaign, contact, 515151, "Kuznetsova", now, Duration.ofSeconds(60), Duration.ofSeconds(4));
        records.talked(campaign, contact, 515151, "Kuznetsova", now, Duration.ofSeconds(60), Duration.ofSeconds(6));
        records.ended(campaign, contact, OutcomeCategory.ABANDONED, now);
        PortalClient portal = supervisor("kinds");
        String path = "/monitoring/dashboards/" + dashboardId(portal.get("/monitoring/dashboards").body());
        portal.submit(path, path + "/widgets", Map.of("kind", "CALLS_BY_DAY"));
        portal.submit(path, path + "/widgets", Map.of("kind", "OPERATOR_COMPARISON"));
        Map<String, Long> ids = new java.util.HashMap<>();
        widgets(portal.get(path).body()).forEach(w -> ids.put(w[1], Long.parseLong(w[0])));
        for (long id : ids.values()) {
            portal.submit(path, "/monitoring/dashboards/widgets/" + id,
                    Map.of("width", "6", "campaignId", String.valueOf(campaign)));
        }

        HttpResponse<String> today = portal.submit(path, "/monitoring/dashboards/widgets/" + ids.get("CALLS_BY_DAY"),
                Map.of("width", "6", "period", "TODAY"));
        assertThat(today.statusCode()).as("calls by day cover 7 or 30 days").isEqualTo(400);
        assertThat(today.body()).contains("This widget cannot show that period.");

        JsonNode daily = data(portal, ids.get("CALLS_BY_DAY"), "en");
        assertThat(daily.at("/data/labels")).as("the last 7 days").hasSize(7);
        assertThat(daily.at("/data/datasets/0/data/6").asLong()).as("today's answered calls").isEqualTo(3);

        JsonNode progress = data(portal, ids.get("CAMPAIGN_PROGRESS"), "en");
        assertThat(progress.at("/options/indexAxis").asText()).isEqualTo("y");
        assertThat(progress.at("/data/labels/0").asText()).isEqualTo("Dashboard " + fixture.suffix);
        assertThat(labels(progress.at("/data/datasets"))).containsExactly("Finished with success", "Finished otherwise",
                "In progress");
        assertThat(progress.at("/options/scales/x/title/text").asText()).isEqualTo("Contacts");

        JsonNode operators = data(portal, ids.get("OPERATOR_COMPARISON"), "en");
        assertThat(operators.at("/data/labels/0").asText()).as("no such operator in agents: the recorded name")
                .isEqualTo("Kuznetsova");
        assertThat(labels(operators.at("/data/datasets"))).containsExactly("Calls", "Talk time, min",
                "Average wrap-up, s");
        assertThat(operators.at("/data/datasets/0/data/0").asLong()).isEqualTo(3);
        assertThat(operators.at("/data/datasets/1/data/0").asDouble()).isEqualTo(4.0);
        assertThat(operators.at("/data/datasets/2/data/0").asDouble()).isEqualTo(6.0);
        assertThat(operators.at("/data/datasets/2/yAxisID").asText()).isEqualTo("y2");

        JsonNode abandon = data(portal, ids.get("ABANDON_RATE"), "en");
        int hour = LocalDateTime.ofInstant(now, properties.zone()).getHour();
        assertThat(abandon.get("type").asText()).isEqualTo("line");
        assertThat(abandon.at("/dozvon/unit").asText()).isEqualTo("%");
        assertThat(abandon.at("/data/datasets/0/data/" + hour).asDouble()).as("1 abandoned of 4 who waited").isEqualTo(25.0);
        assertThat(abandon.at("/data/datasets/0/data/" + (hour == 0 ? 1 : 0)).isNull()).as("nobody waited").isTrue();
        assertThat(abandon.at("/data/datasets/1/label").asText()).isEqualTo("Target");
        assertThat(abandon.at("/data/datasets/1/data/0").asDouble()).as("the campaign's abandon target").isEqualTo(3.0);
    }

    private JsonNode data(PortalClient portal, long widget, String language) throws Exception {
        HttpResponse<String> response = portal.get("/monitoring/dashboards/widgets/" + widget + "/data?lang=" + language,
                "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return json.readTree(response.body());
    }

    private static List<String> labels(JsonNode datasets) {
        List<String> labels = new ArrayList<>();
        datasets.forEach(dataset -> labels.add(dataset.get("label").asText()));
        return labels;
    }

    private long draftCampaign(DialingFixture fixture, long listId) throws Exception {
        HttpResponse<String> created = fixture.send("POST", "/api/v1/campaigns",
                "{\"name\": \"Dashboard %s\", \"lists\": [%d]}".formatted(fixture.suffix, listId));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return fixture.read(created.body()).get("id").asLong();
    }

    /** Widgets on a dashboard page in order: id, kind. */
    private static List<String[]> widgets(String page) {
        List<String[]> widgets = new ArrayList<>();
        Matcher matcher = WIDGET.matcher(page);
        while (matcher.find()) {
            widgets.add(new String[] {matcher.group(1), matcher.group(2)});
        }
        return widgets;
    }

    private static long dashboardId(String page) {
        Matcher matcher = DASHBOARD.matcher(page);
        assertThat(matcher.find()).as("a dashboard page").isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private PortalClient supervisor(String name) {
        return loggedIn(name, "SUPERVISOR");
    }

    private PortalClient loggedIn(String name, String role) {
        new TestUsers(context).ensure(user(name), PASSWORD, false, role);
        PortalClient portal = portal();
        HttpResponse<String> login = portal.login(user(name), PASSWORD);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
        return portal;
    }

    private String user(String name) {
        return "dash-" + name + "-" + suffix;
    }
}
