package org.dozvon.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.contacts.ContactFilter;
import org.dozvon.contacts.ContactSelection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/** The campaign pages as a supervisor uses them: list, four-tab form with the filter builder, campaign page, buttons. */
class CampaignPagesTests extends ApplicationTestBase {

    private static final Pattern CREATED = Pattern.compile("/campaigns/(\\d+)$");

    @Autowired
    Campaigns campaigns;

    private PortalClient browser;
    private CampaignFixture fixture;
    private long listId;

    @BeforeEach
    void loggedInWithAList() throws Exception {
        fixture = new CampaignFixture(portal());
        listId = fixture.listWith("Казань", "100", "Москва", "200", "Казань", "300", "Уфа", "50");
        browser = portal();
        browser.login("admin", ADMIN_PASSWORD);
    }

    @Test
    void theFormCreatesACampaignWithItsFilterHoursExceptionsAndLimits() {
        String form = browser.get("/campaigns/new").body();
        assertThat(form).contains("General", "Lists and selection", "Schedule", "Limits", "Campaign list " + fixture.suffix)
                .contains("value=\"09:00-21:00\"").contains("value=\"Europe/Moscow\"");

        HttpResponse<String> saved = post(form, "/campaigns", fields(
                "name", "Form " + fixture.suffix, "strategyKey", "standard", "lists", String.valueOf(listId),
                "listPosition_" + listId, "1", "listOrder", "IN_ORDER",
                "filterGroup", "0", "filterGroupLogic", "OR",
                "conditionGroup", "0", "conditionField", fixture.city(), "conditionOperator", "EQUALS", "conditionValue", "Уфа",
                "filterGroup", "0.1", "filterGroupLogic", "AND",
                "conditionGroup", "0.1", "conditionField", fixture.city(), "conditionOperator", "IN", "conditionValue", "Казань; Тверь",
                "conditionGroup", "0.1", "conditionField", fixture.amount(), "conditionOperator", "GREATER", "conditionValue", "150",
                "conditionGroup", "0.1", "conditionField", "", "conditionOperator", "EQUALS", "conditionValue", "",
                "percent", "100", "orderField", fixture.amount(), "orderDirection", "DESC", "kind", "ENDLESS", "weight", "5",
                "timeZone", "Asia/Yekaterinburg", "timeZoneMode", "CAMPAIGN", "startsAt", "2030-01-10T09:00",
                "callingHours.WORKDAY", "09:00-13:00, 14:00-20:00", "callingHours.WEEKEND", "", "callingHours.HOLIDAY", "",
                "exceptionDate", "2029-12-31", "exceptionHours", "10:00-15:00", "exceptionDate", "2030-01-01", "exceptionHours", "",
                "exceptionDate", "", "exceptionHours", "",
                "maxAttemptsPerContact", "8", "maxAttemptsPerPhoneType." + fixture.phone(), "3", "maxHoursSinceCreation", "240"));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        Matcher id = CREATED.matcher(saved.headers().firstValue("Location").orElseThrow());
        assertThat(id.find()).isTrue();
        CampaignSettings settings = campaigns.find(Long.parseLong(id.group(1))).orElseThrow().settings();
        assertThat(settings.filter()).isEqualTo(ContactFilter.any(
                ContactFilter.condition(fixture.city(), ContactFilter.Operator.EQUALS, "Уфа"),
                ContactFilter.all(ContactFilter.condition(fixture.city(), ContactFilter.Operator.IN, "Казань", "Тверь"),
                        ContactFilter.condition(fixture.amount(), ContactFilter.Operator.GREATER, "150"))));
        assertThat(settings.ordering()).isEqualTo(new ContactSelection.Ordering(fixture.amount(), true));
        assertThat(settings.endless()).isTrue();
        assertThat(settings.startsAt()).hasToString("2030-01-10T04:00:00Z");
        assertThat(settings.callingHours().get(DayType.WORKDAY)).hasSize(2);
        assertThat(settings.callingHours().get(DayType.WEEKEND)).isEmpty();
        assertThat(settings.exceptions()).containsOnlyKeys(LocalDate.of(2029, 12, 31), LocalDate.of(2030, 1, 1));
        assertThat(settings.exceptions().get(LocalDate.of(2030, 1, 1))).isEmpty();
        assertThat(settings.maxAttemptsPerPhoneType()).containsEntry(fixture.phone(), 3);

        String page = browser.get(saved.headers().firstValue("Location").orElseThrow()).body();
        assertThat(page).contains("Campaign created.", "Form " + fixture.suffix, "Draft", "standard", "09:00-13:00, 14:00-20:00",
                "31.12.2029", "Asia/Yekaterinburg", "Endless");
        String edit = browser.get("/campaigns/" + id.group(1) + "/edit").body();
        assertThat(edit).contains("value=\"Казань; Тверь\"", "value=\"2030-01-10T09:00\"", "value=\"2029-12-31\"", "value=\"240\"");
        assertThat(browser.get("/campaigns/" + id.group(1) + "/eligible").body()).contains("Contacts matching now: 2.");
    }

    @Test
    void aRefusedFormComesBackAsTypedWithMessagesBesideTheFieldsAndMarkedTabs() {
        String form = browser.get("/campaigns/new").body();

        HttpResponse<String> refused = post(form, "/campaigns", fields(
                "name", "", "weight", "heavy", "timeZone", "Europe/Nowhere", "callingHours.WORKDAY", "nine to five",
                "maxAttemptsPerDay", "500", "conditionGroup", "0", "conditionField", fixture.amount(), "conditionOperator", "CONTAINS",
                "conditionValue", "1"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Give the campaign a name.", "&#39;heavy&#39; is not a whole number.",
                "&#39;Europe/Nowhere&#39; is not a time zone", "&#39;nine to five&#39; is not an interval",
                "Give a whole number from 1 to 100.", "is a number or a date: &quot;contains&quot; is for text.")
                .contains("value=\"nine to five\"").contains("value=\"Europe/Nowhere\"");
        assertThat(refused.body().split("text-bg-danger ms-1", -1)).as("all four tabs marked").hasSize(5);
    }

    @Test
    void theFilterBuilderAddsAndRemovesConditionsAndGroups() {
        String form = browser.get("/campaigns/new").body();
        List<String> oneCondition = fields("filterGroup", "0", "filterGroupLogic", "AND",
                "conditionGroup", "0", "conditionField", fixture.city(), "conditionOperator", "EQUALS", "conditionValue", "Уфа");

        String added = post(form, "/campaigns/form/filter?builderAction=addCondition&builderTarget=0", oneCondition).body();
        assertThat(added).startsWith("<div id=\"filter-builder\">");
        assertThat(count(added, "name=\"conditionField\"")).isEqualTo(2);
        assertThat(added).contains("value=\"Уфа\"");

        String grouped = post(form, "/campaigns/form/filter?builderAction=addGroup&builderTarget=0", oneCondition).body();
        assertThat(grouped).contains("data-group=\"0.1\"");
        assertThat(count(grouped, "name=\"conditionField\"")).isEqualTo(2);
        assertThat(grouped).contains("<option value=\"OR\" selected=\"selected\">any of (OR)</option>");

        String removed = post(form, "/campaigns/form/filter?builderAction=removeCondition&builderTarget=0", oneCondition).body();
        assertThat(count(removed, "name=\"conditionField\"")).isZero();
        List<String> withGroup = new java.util.ArrayList<>(oneCondition);
        withGroup.addAll(fields("filterGroup", "0.1", "filterGroupLogic", "OR", "conditionGroup", "0.1", "conditionField", "",
                "conditionOperator", "EQUALS", "conditionValue", ""));
        assertThat(post(form, "/campaigns/form/filter", withGroup).body()).contains("data-group=\"0.1\"");
        String noGroup = post(form, "/campaigns/form/filter?builderAction=removeGroup&builderTarget=0.1", withGroup).body();
        assertThat(noGroup).doesNotContain("data-group=\"0.1\"");
    }

    @Test
    void previewCountsTheContactsTheFormWouldTake() {
        String form = browser.get("/campaigns/new").body();

        String preview = post(form, "/campaigns/form/preview", fields("lists", String.valueOf(listId),
                "timeZone", "Europe/Moscow", "percent", "100",
                "conditionGroup", "0", "conditionField", fixture.city(), "conditionOperator", "EQUALS", "conditionValue", "Казань")).body();
        assertThat(preview).contains("Contacts matching now: 2.");

        String nothingChosen = post(form, "/campaigns/form/preview", fields("timeZone", "Europe/Moscow")).body();
        assertThat(nothingChosen).contains("Choose at least one contact list.");
        assertThat(browser.get("/campaigns/form/exception-row").body()).contains("name=\"exceptionDate\"", "name=\"exceptionHours\"");
    }

    @Test
    void theButtonsStartPauseResumeAndStopAndARefusalIsShown() {
        CampaignEditor.Result bare = editorCreate("Bare page " + fixture.suffix, null);
        String list = browser.get("/campaigns").body();
        assertThat(list).contains("Bare page " + fixture.suffix, "Draft");

        HttpResponse<String> refused = post(list, "/campaigns/" + bare.id() + "/start?back=list", List.of());
        assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/campaigns"));
        assertThat(browser.get("/campaigns").body()).contains("Choose the strategy before starting the campaign.");

        long id = editorCreate("Buttons " + fixture.suffix, "standard").id();
        String page = browser.get("/campaigns/" + id).body();
        assertThat(page).contains(">Start<").doesNotContain(">Pause<");
        post(page, "/campaigns/" + id + "/start", List.of());
        page = browser.get("/campaigns/" + id).body();
        assertThat(page).contains("Campaign started.", "Running", ">Pause<", ">Stop<", "data-confirm=\"Stop the campaign Buttons");
        post(page, "/campaigns/" + id + "/pause", List.of());
        assertThat(campaigns.find(id).orElseThrow().status()).isEqualTo(CampaignStatus.PAUSED);
        page = browser.get("/campaigns/" + id).body();
        post(page, "/campaigns/" + id + "/resume", List.of());
        assertThat(campaigns.find(id).orElseThrow().status()).isEqualTo(CampaignStatus.RUNNING);
        page = browser.get("/campaigns/" + id + "/edit").body();
        assertThat(page).contains("saved changes take effect within 30 seconds");
        post(page, "/campaigns/" + id + "/stop", List.of());
        assertThat(campaigns.find(id).orElseThrow().status()).isEqualTo(CampaignStatus.STOPPED);

        page = browser.get("/campaigns/" + id).body();
        HttpResponse<String> deleted = post(page, "/campaigns/" + id + "/delete", List.of());
        assertThat(deleted.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/campaigns"));
        assertThat(browser.get("/campaigns/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void editingARunningCampaignSavesANewRevision() {
        long id = editorCreate("Live edit " + fixture.suffix, "standard").id();
        campaigns.start(id);
        String edit = browser.get("/campaigns/" + id + "/edit").body();
        assertThat(edit).contains("name=\"revision\" value=\"1\"");

        HttpResponse<String> saved = post(edit, "/campaigns/" + id + "/edit", fields(
                "revision", "1", "name", "Live edit " + fixture.suffix, "strategyKey", "standard", "lists", String.valueOf(listId),
                "timeZone", "Europe/Moscow", "weight", "3", "callingHours.WORKDAY", "10:00-19:00"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        CampaignView campaign = campaigns.find(id).orElseThrow();
        assertThat(campaign.revision()).isEqualTo(2);
        assertThat(campaign.status()).isEqualTo(CampaignStatus.RUNNING);

        HttpResponse<String> stale = post(edit, "/campaigns/" + id + "/edit", fields(
                "revision", "1", "name", "Live edit " + fixture.suffix, "strategyKey", "standard", "lists", String.valueOf(listId),
                "timeZone", "Europe/Moscow"));
        assertThat(stale.statusCode()).isEqualTo(400);
        assertThat(stale.body()).contains("Someone changed the campaign while you were editing it");
    }

    @Autowired
    CampaignEditor editor;

    private CampaignEditor.Result editorCreate(String name, String strategy) {
        CampaignEditor.Result result = editor.create(CampaignFixture.settings(name).strategy(strategy).lists(listId).build());
        assertThat(result.violations()).isEmpty();
        return result;
    }

    private static List<String> fields(String... namesAndValues) {
        return List.of(namesAndValues);
    }

    private HttpResponse<String> post(String page, String action, List<String> namesAndValues) {
        return browser.postFieldsWithTokenOf(page, action, namesAndValues);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
