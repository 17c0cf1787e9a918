package org.dozvon.reporting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.campaigns.CampaignStatus;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Monitoring → Dashboards (manual 20.1): the user's own dashboards, one shown at a time with its widgets as charts
 * (drawn by {@code static/js/dashboards.js} from each widget's data), the list to create, rename and delete them,
 * and the widgets' adding, settings, order and removal. Another user's dashboard or widget answers 404.
 */
@Controller
@RequestMapping("/monitoring/dashboards")
class DashboardsController {

    private final Dashboards dashboards;
    private final WidgetData data;
    private final Campaigns campaigns;
    private final MessageSource messages;

    DashboardsController(Dashboards dashboards, WidgetData data, Campaigns campaigns, MessageSource messages) {
        this.dashboards = dashboards;
        this.data = data;
        this.campaigns = campaigns;
        this.messages = messages;
    }

    /** The dashboard shown on the main screen (made on the first visit). */
    @GetMapping
    @RequiresPermission(Permission.MONITORING_VIEW)
    String home(@AuthenticationPrincipal DozvonUser user, Locale locale, Model model) {
        List<Dashboard> mine = dashboards.ensure(user.getUsername(), locale);
        return show(Dashboards.home(mine), mine, model, locale);
    }

    @GetMapping("/{id:\\d+}")
    @RequiresPermission(Permission.MONITORING_VIEW)
    String dashboard(@PathVariable long id, @AuthenticationPrincipal DozvonUser user, Locale locale, Model model) {
        Dashboard dashboard = mine(user, id);
        return show(dashboard, dashboards.ensure(user.getUsername(), locale), model, locale);
    }

    private String show(Dashboard dashboard, List<Dashboard> mine, Model model, Locale locale) {
        List<Widget> widgets = dashboards.widgets(dashboard);
        Map<Long, String> titles = new LinkedHashMap<>();
        widgets.forEach(widget -> titles.put(widget.id(), title(widget, locale)));
        model.addAttribute("dashboard", dashboard);
        model.addAttribute("dashboards", mine);
        model.addAttribute("widgets", widgets);
        model.addAttribute("titles", titles);
        model.addAttribute("kinds", WidgetKind.values());
        model.addAttribute("widths", Dashboards.WIDTHS);
        model.addAttribute("campaigns", allCampaigns());
        model.addAttribute("maxWidgets", Dashboards.MAX_WIDGETS);
        if (!model.containsAttribute("violations")) {
            model.addAttribute("violations", List.of());
        }
        return "reporting/dashboard";
    }

    /** The list of the user's dashboards: create, rename, describe, choose the one shown first, delete. */
    @GetMapping("/list")
    @RequiresPermission(Permission.MONITORING_VIEW)
    String list(@AuthenticationPrincipal DozvonUser user, Locale locale, Model model) {
        model.addAttribute("dashboards", dashboards.ensure(user.getUsername(), locale));
        if (!model.containsAttribute("violations")) {
            model.addAttribute("violations", List.of());
        }
        return "reporting/dashboards";
    }

    @PostMapping
    @RequiresPermission(Permission.MONITORING_VIEW)
    String create(@RequestParam(required = false) String name, @RequestParam(required = false) String description,
                  @RequestParam(defaultValue = "false") boolean onHome, @AuthenticationPrincipal DozvonUser user,
                  Locale locale, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        Dashboards.Saved saved = dashboards.create(user.getUsername(), name, description, onHome);
        if (!saved.ok()) {
            return refusedList(saved, null, user, locale, model, response);
        }
        redirect.addFlashAttribute("notice", "dashboards.created");
        return "redirect:/monitoring/dashboards/" + saved.id();
    }

    @PostMapping("/{id:\\d+}")
    @RequiresPermission(Permission.MONITORING_VIEW)
    String update(@PathVariable long id, @RequestParam(required = false) String name,
                  @RequestParam(required = false) String description, @RequestParam(defaultValue = "false") boolean onHome,
                  @AuthenticationPrincipal DozvonUser user, Locale locale, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        Dashboards.Saved saved = found(dashboards.update(user.getUsername(), id, name, description, onHome));
        if (!saved.ok()) {
            return refusedList(saved, id, user, locale, model, response);
        }
        redirect.addFlashAttribute("notice", "dashboards.saved");
        return "redirect:/monitoring/dashboards/list";
    }

    private String refusedList(Dashboards.Saved saved, Long editedId, DozvonUser user, Locale locale, Model model,
                               HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("violations", saved.violations());
        model.addAttribute("editedId", editedId);
        return list(user, locale, model);
    }

    @PostMapping("/{id:\\d+}/delete")
    @RequiresPermission(Permission.MONITORING_VIEW)
    String delete(@PathVariable long id, @AuthenticationPrincipal DozvonUser user, RedirectAttributes redirect) {
        if (!dashboards.delete(user.getUsername(), id)) {
            throw notFound();
        }
        redirect.addFlashAttribute("notice", "dashboards.deleted");
        return "redirect:/monitoring/dashboards/list";
    }

    @PostMapping("/{id:\\d+}/widgets")
    @RequiresPermission(Permission.MONITORING_VIEW)
    String addWidget(@PathVariable long id, @RequestParam(required = false) String kind,
                     @AuthenticationPrincipal DozvonUser user, Locale locale, Model model, RedirectAttributes redirect,
                     HttpServletResponse response) {
        Dashboards.Saved saved = found(dashboards.addWidget(user.getUsername(), id, kind(kind)));
        if (!saved.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("violations", saved.violations());
            return dashboard(id, user, locale, model);
        }
        redirect.addFlashAttribute("notice", "widget.added");
        return "redirect:/monitoring/dashboards/" + id + "#widget-" + saved.id();
    }

    @PostMapping("/widgets/{widgetId}")
    @RequiresPermission(Permission.MONITORING_VIEW)
    String saveWidget(@PathVariable long widgetId, @RequestParam(required = false) String title,
                      @RequestParam(required = false) Integer width, @RequestParam(required = false) String campaignId,
                      @RequestParam(required = false) String period, @RequestParam(required = false) String chart,
                      @AuthenticationPrincipal DozvonUser user, Locale locale, Model model, RedirectAttributes redirect,
                      HttpServletResponse response) {
        Widget widget = widget(user, widgetId);
        Long campaign = campaignId == null || campaignId.isBlank() ? null : parseId(campaignId);
        Dashboards.Saved saved = found(dashboards.saveWidget(user.getUsername(), widgetId, title, width,
                campaign, constant(WidgetPeriod.class, period), constant(ChartType.class, chart)));
        if (!saved.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("violations", saved.violations());
            model.addAttribute("editedWidget", widgetId);
            return dashboard(widget.dashboardId(), user, locale, model);
        }
        redirect.addFlashAttribute("notice", "widget.saved");
        return "redirect:/monitoring/dashboards/" + widget.dashboardId() + "#widget-" + widgetId;
    }

    @PostMapping("/widgets/{widgetId}/delete")
    @RequiresPermission(Permission.MONITORING_VIEW)
    String removeWidget(@PathVariable long widgetId, @AuthenticationPrincipal DozvonUser user,
                        RedirectAttributes redirect) {
        Widget widget = widget(user, widgetId);
        dashboards.removeWidget(user.getUsername(), widgetId);
        redirect.addFlashAttribute("notice", "widget.removed");
        return "redirect:/monitoring/dashboards/" + widget.dashboardId();
    }

    @PostMapping("/widgets/{widgetId}/move")
    @RequiresPermission(Permission.MONITORING_VIEW)
    String moveWidget(@PathVariable long widgetId, @RequestParam(defaultValue = "down") String direction,
                      @AuthenticationPrincipal DozvonUser user) {
        Widget widget = widget(user, widgetId);
        dashboards.moveWidget(user.getUsername(), widgetId, "up".equals(direction) ? -1 : 1);
        return "redirect:/monitoring/dashboards/" + widget.dashboardId() + "#widget-" + widgetId;
    }

    /** The widget's figures as a Chart.js configuration (see {@link WidgetData}). */
    @GetMapping(path = "/widgets/{widgetId}/data", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    @RequiresPermission(Permission.MONITORING_VIEW)
    Map<String, Object> data(@PathVariable long widgetId, @AuthenticationPrincipal DozvonUser user, Locale locale) {
        Widget widget = widget(user, widgetId);
        Map<String, Object> config = new LinkedHashMap<>(data.of(widget, locale));
        config.put("title", title(widget, locale));
        return config;
    }

    private Dashboard mine(DozvonUser user, long id) {
        return dashboards.dashboard(user.getUsername(), id).orElseThrow(DashboardsController::notFound);
    }

    private Widget widget(DozvonUser user, long id) {
        return dashboards.widget(user.getUsername(), id).orElseThrow(DashboardsController::notFound);
    }

    private String title(Widget widget, Locale locale) {
        return widget.title() != null ? widget.title()
                : messages.getMessage(widget.kind().messageKey(), null, widget.kind().name(), locale);
    }

    /** Every campaign, by name: what a widget may be narrowed to. */
    private List<CampaignView> allCampaigns() {
        List<CampaignView> all = new ArrayList<>();
        for (CampaignStatus status : CampaignStatus.values()) {
            all.addAll(campaigns.withStatus(status));
        }
        all.sort(Comparator.comparing(campaign -> campaign.name().toLowerCase(Locale.ROOT)));
        return all;
    }

    private static <T> T found(Optional<T> value) {
        return value.orElseThrow(DashboardsController::notFound);
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }

    private static WidgetKind kind(String name) {
        return constant(WidgetKind.class, name);
    }

    private static Long parseId(String text) {
        try {
            return Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return -1L; // refused as an unknown campaign
        }
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String name) {
        try {
            return name == null || name.isBlank() ? null : Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
