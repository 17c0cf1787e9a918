package org.dozvon.campaigns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.dozvon.Violation;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.contacts.ContactSelection;
import org.dozvon.contacts.ContactSelections;
import org.dozvon.contacts.FieldType;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Campaigns: the list with start / pause / resume / stop, the form in four tabs, and one campaign's page. */
@Controller
class CampaignsController {

    /** Zones offered in the form (any IANA id or offset is accepted): Russia's, west to east. */
    static final List<String> ZONES = List.of("Europe/Kaliningrad", "Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg",
            "Asia/Omsk", "Asia/Novosibirsk", "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Yakutsk", "Asia/Vladivostok",
            "Asia/Magadan", "Asia/Kamchatka", "UTC");
    /** Which tab of the form each field is on, to show a tab with errors and open the first. */
    private static final Map<String, Set<String>> TABS = new LinkedHashMap<>();

    static {
        TABS.put("general", Set.of("name", "description", "strategyKey", "strategyVersion", "completionCodeGroupId", "kind",
                "weight", "numberPrefix", "maxLines", "callerIdGroupId", "revision", "status", "scriptId"));
        TABS.put("selection", Set.of("lists", "listOrder", "filter", "percent", "ordering", "dncLists"));
        TABS.put("schedule", Set.of("startsAt", "stopsAt", "timeZoneMode", "timeZone", "calendarId", "callingHours",
                "callingHours.WORKDAY", "callingHours.WEEKEND", "callingHours.HOLIDAY", "exceptions", "callbackPeriodHours"));
        TABS.put("dialing", Set.of("dialingMode", "linesPerOperator", "abandonTarget", "previewSeconds", "detectMachine",
                "skillId", "minSkillLevel", "minOperators", "maxOperators", "wrapUpSeconds", "defaultCode"));
        TABS.put("limits", Set.of("maxAttemptsPerContact", "maxAttemptsPerPhoneType", "maxAttemptsPerDay",
                "maxHoursSinceFirstAttempt", "maxHoursSinceCreation"));
        TABS.put("integrations", Set.of("links", "clientDataUrl", "clientDataMethod", "clientDataTimeout", "clientDataToken"));
    }

    private final Campaigns campaigns;
    private final CampaignStore store;
    private final CampaignEditor editor;
    private final ContactSelections selections;
    private final CompletionCodes codes;
    private final WorkingCalendars calendars;
    private final StrategyCatalogue strategies;
    private final CallerIds callerIds;
    private final SkillCatalogue skills;
    private final Scripts scripts;

    CampaignsController(Campaigns campaigns, CampaignStore store, CampaignEditor editor, ContactSelections selections,
                        CompletionCodes codes, WorkingCalendars calendars, StrategyCatalogue strategies,
                        CallerIds callerIds, SkillCatalogue skills, Scripts scripts) {
        this.scripts = scripts;
        this.strategies = strategies;
        this.skills = skills;
        this.callerIds = callerIds;
        this.campaigns = campaigns;
        this.store = store;
        this.editor = editor;
        this.selections = selections;
        this.codes = codes;
        this.calendars = calendars;
    }

    @GetMapping("/campaigns")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    String list(Model model) {
        model.addAttribute("campaigns", store.all());
        model.addAttribute("listNames", store.listNames());
        return "campaigns/campaigns";
    }

    @GetMapping("/campaigns/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    String view(@PathVariable long id, Model model) {
        CampaignView campaign = require(id);
        model.addAttribute("campaign", campaign);
        model.addAttribute("s", campaign.settings());
        model.addAttribute("listNames", store.listNames());
        Map<Long, String> dncNames = new LinkedHashMap<>();
        selections.dncLists().forEach(list -> dncNames.put(list.id(), list.name()));
        model.addAttribute("dncNames", dncNames);
        Map<String, String> fieldNames = new LinkedHashMap<>();
        selections.fields().forEach(field -> fieldNames.put(field.code(), field.name()));
        model.addAttribute("fieldNames", fieldNames);
        model.addAttribute("filter", FilterForm.fromFilter(campaign.settings().filter()));
        model.addAttribute("dayTypes", DayType.values());
        CampaignSettings s = campaign.settings();
        model.addAttribute("codeGroupName", s.completionCodeGroupId() == null ? null
                : codes.group(s.completionCodeGroupId()).map(CodeGroup::name).orElse(null));
        model.addAttribute("calendarName", s.calendarId() == null ? null
                : calendars.calendar(s.calendarId()).map(WorkingCalendar::name).orElse(null));
        model.addAttribute("scriptName", s.scriptId() == null ? null
                : scripts.script(s.scriptId()).map(Script::name).orElse(null));
        model.addAttribute("callerIdGroupName", s.callerIdGroupId() == null ? null
                : callerIds.group(s.callerIdGroupId()).map(CallerIdGroup::name).orElse(null));
        model.addAttribute("skillName", s.dialing().skillId() == null ? null
                : skills.skill(s.dialing().skillId()).map(SkillCatalogue.SkillChoice::name).orElse(null));
        Map<String, Integer> limitValues = new java.util.HashMap<>();
        limitValues.put("maxAttemptsPerContact", s.maxAttemptsPerContact());
        limitValues.put("maxAttemptsPerDay", s.maxAttemptsPerDay());
        limitValues.put("maxHoursSinceFirstAttempt", s.maxHoursSinceFirstAttempt());
        limitValues.put("maxHoursSinceCreation", s.maxHoursSinceCreation());
        model.addAttribute("limitValues", limitValues);
        return "campaigns/campaign";
    }

    /** How many contacts the campaign would take now; loaded into the campaign's page after it shows. */
    @GetMapping("/campaigns/{id}/eligible")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    String eligible(@PathVariable long id, Model model) {
        return preview(require(id).settings(), List.of(), model);
    }

    @GetMapping("/campaigns/new")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String create(Model model) {
        return form(model, null, CampaignForm.of(CampaignSettings.blank(), null), List.of());
    }

    @GetMapping("/campaigns/{id}/edit")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String edit(@PathVariable long id, Model model) {
        CampaignView campaign = require(id);
        return form(model, campaign, CampaignForm.of(campaign.settings(), campaign.revision()), List.of());
    }

    @PostMapping({"/campaigns", "/campaigns/{id}/edit"})
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String save(@PathVariable(required = false) Long id, HttpServletRequest request, Model model,
                RedirectAttributes redirect, HttpServletResponse response) {
        FormValues form = FormValues.of(request.getParameterMap());
        CampaignView existing = id == null ? null : require(id);
        CampaignForm.Parsed parsed = CampaignForm.parse(form);
        List<Violation> violations = new ArrayList<>(parsed.violations());
        violations.addAll(editor.checkToken(form.value("clientDataToken")));
        CampaignSettings settings = violations.isEmpty() ? parsed.settings().withIntegrations(parsed.settings().integrations()
                .withSealedToken(editor.clientDataToken(existing, form.value("clientDataToken"),
                        form.has("clientDataTokenRemove", "true")))) : parsed.settings();
        CampaignEditor.Result result = null;
        if (violations.isEmpty()) {
            result = id == null ? editor.create(settings) : editor.update(id, settings, parsed.revision());
            violations.addAll(result.violations());
        } else {
            violations.addAll(editor.check(id, existing, settings));
        }
        if (!violations.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, existing, form, violations);
        }
        redirect.addFlashAttribute("notice", id == null ? "campaigns.created" : "campaigns.saved");
        return "redirect:/campaigns/" + result.id();
    }

    @PostMapping("/campaigns/{id}/delete")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        try {
            editor.delete(id);
        } catch (CampaignRefusedException e) {
            redirect.addFlashAttribute("refusals", e.violations());
            return "redirect:/campaigns/" + id;
        }
        redirect.addFlashAttribute("notice", "campaigns.deleted");
        return "redirect:/campaigns";
    }

    /** Start, pause, resume or stop; back to the page the button was on. */
    @PostMapping("/campaigns/{id}/{action:start|pause|resume|stop}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String lifecycle(@PathVariable long id, @PathVariable String action, @RequestParam(defaultValue = "view") String back,
                     RedirectAttributes redirect) {
        try {
            switch (action) {
                case "start" -> campaigns.start(id);
                case "pause" -> campaigns.pause(id);
                case "resume" -> campaigns.resume(id);
                default -> campaigns.stop(id);
            }
            redirect.addFlashAttribute("notice", "campaigns.done." + action);
        } catch (CampaignRefusedException e) {
            redirect.addFlashAttribute("refusals", e.violations());
        }
        return "list".equals(back) ? "redirect:/campaigns" : "redirect:/campaigns/" + id;
    }

    /** The filter builder after one of its buttons (add or remove a condition or a group). */
    @PostMapping("/campaigns/form/filter")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String filterBuilder(HttpServletRequest request, @RequestParam(name = "builderAction", required = false) String action,
                         @RequestParam(name = "builderTarget", required = false) String target, Model model) {
        FilterForm.Group root = FilterForm.read(FormValues.of(request.getParameterMap()));
        FilterForm.apply(root, action, target);
        model.addAttribute("filter", root);
        model.addAttribute("fields", selections.fields());
        model.addAttribute("violations", List.of());
        return "campaigns/fragments :: filter-builder";
    }

    /** "N contacts match" for the form as it stands, or why it cannot be counted. */
    @PostMapping("/campaigns/form/preview")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String formPreview(HttpServletRequest request, Model model) {
        CampaignForm.Parsed parsed = CampaignForm.parse(FormValues.of(request.getParameterMap()));
        List<Violation> problems = parsed.violations().stream()
                .filter(v -> TABS.get("selection").contains(v.field()) || v.field().equals("timeZone")).toList();
        return preview(parsed.settings(), problems, model);
    }

    /** A blank row of date exceptions. */
    @GetMapping("/campaigns/form/exception-row")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String exceptionRow(Model model) {
        model.addAttribute("date", "");
        model.addAttribute("hours", "");
        return "campaigns/fragments :: exception-row";
    }

    /** A blank row of integration links. */
    @GetMapping("/campaigns/form/link-row")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String linkRow(Model model) {
        model.addAttribute("link", List.of("", "", "false"));
        return "campaigns/integrations :: link-row";
    }

    private String preview(CampaignSettings settings, List<Violation> problems, Model model) {
        List<Violation> all = new ArrayList<>(problems);
        if (all.isEmpty()) {
            ContactSelection selection;
            try {
                selection = settings.selection();
            } catch (java.time.DateTimeException e) {
                selection = settings.selection(java.time.ZoneId.of("UTC"));
            }
            all.addAll(selections.check(selection));
            if (all.isEmpty()) {
                model.addAttribute("count", selections.count(selection));
            }
        }
        model.addAttribute("problems", all);
        return "campaigns/fragments :: preview";
    }

    private String form(Model model, CampaignView campaign, FormValues form, List<Violation> violations) {
        model.addAttribute("campaign", campaign);
        model.addAttribute("form", form);
        model.addAttribute("filter", FilterForm.read(form));
        model.addAttribute("fields", selections.fields());
        model.addAttribute("phoneFields", selections.fields().stream().filter(f -> f.type() == FieldType.PHONE).toList());
        model.addAttribute("lists", selections.lists());
        model.addAttribute("dncLists", selections.dncLists());
        model.addAttribute("codeGroups", codes.groups());
        model.addAttribute("operatorCodes", codes.codes().stream().filter(c -> c.kind() == CodeKind.OPERATOR).toList());
        model.addAttribute("callerIdGroups", callerIds.groups());
        model.addAttribute("scripts", scripts.scripts());
        model.addAttribute("skills", skills.skills());
        model.addAttribute("dialingModes", DialingMode.values());
        model.addAttribute("calendars", calendars.calendars());
        model.addAttribute("strategies", strategies.strategies());
        model.addAttribute("zones", ZONES);
        model.addAttribute("dayTypes", DayType.values());
        model.addAttribute("violations", violations);
        List<String> exceptionDates = form.values("exceptionDate");
        List<String> exceptionHours = form.values("exceptionHours");
        List<List<String>> exceptions = new ArrayList<>();
        for (int i = 0; i < exceptionDates.size(); i++) {
            exceptions.add(List.of(exceptionDates.get(i), i < exceptionHours.size() ? exceptionHours.get(i) : ""));
        }
        model.addAttribute("exceptions", exceptions);
        List<String> linkNames = form.values(CampaignForm.LINK_NAME);
        List<String> linkUrls = form.values(CampaignForm.LINK_URL);
        List<String> linkDefaults = form.values(CampaignForm.LINK_DEFAULT);
        List<List<String>> links = new ArrayList<>();
        for (int i = 0; i < Math.max(linkNames.size(), linkUrls.size()); i++) {
            links.add(List.of(i < linkNames.size() ? linkNames.get(i) : "", i < linkUrls.size() ? linkUrls.get(i) : "",
                    i < linkDefaults.size() ? linkDefaults.get(i) : "false"));
        }
        model.addAttribute("links", links);
        model.addAttribute("placeholders", String.join(", ", UrlTemplates.BUILT_INS.stream().map(p -> "{" + p + "}").toList()));
        model.addAttribute("clientDataMethods", ClientDataService.Method.values());
        Map<String, Boolean> tabErrors = new LinkedHashMap<>();
        TABS.forEach((tab, fields) -> tabErrors.put(tab, violations.stream().anyMatch(v -> fields.contains(v.field())
                || (tab.equals("limits") && v.field().startsWith(CampaignForm.PHONE_LIMIT)))));
        model.addAttribute("tabErrors", tabErrors);
        model.addAttribute("activeTab", tabErrors.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .findFirst().orElse("general"));
        return "campaigns/form";
    }

    private CampaignView require(long id) {
        return campaigns.find(id).orElseThrow(() -> new CampaignNotFoundException(id));
    }
}
