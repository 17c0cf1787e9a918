package org.dozvon.reporting;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.dozvon.Violation;
import org.dozvon.campaigns.Campaigns;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each user's dashboards and their widgets (manual 20.1). Dashboards are personal: every method takes the owner's
 * user name, and another user's dashboard or widget is simply not found.
 */
@Service
class Dashboards {

    static final int MAX_DASHBOARDS = 20;
    static final int MAX_WIDGETS = 24;
    static final List<Integer> WIDTHS = List.of(4, 6, 8, 12);

    /** What a first visit finds: calls by the hour, campaign progress, the abandon rate. */
    private static final List<WidgetKind> DEFAULT_WIDGETS = List.of(WidgetKind.CALLS_BY_HOUR,
            WidgetKind.CAMPAIGN_PROGRESS, WidgetKind.ABANDON_RATE);

    /** The outcome of a change: its violations (nothing was written), or the id of what was written. */
    record Saved(List<Violation> violations, Long id) {

        boolean ok() {
            return violations.isEmpty();
        }

        static Saved refused(List<Violation> violations) {
            return new Saved(List.copyOf(violations), null);
        }

        static Saved done(long id) {
            return new Saved(List.of(), id);
        }
    }

    private final DashboardStore store;
    private final Campaigns campaigns;
    private final MessageSource messages;

    Dashboards(DashboardStore store, Campaigns campaigns, MessageSource messages) {
        this.store = store;
        this.campaigns = campaigns;
        this.messages = messages;
    }

    /**
     * The owner's dashboards in order. A user who has none (the first visit, or after deleting the last) gets a
     * default one, named in {@code locale}, so the page is never empty.
     */
    @Transactional
    List<Dashboard> ensure(String owner, Locale locale) {
        List<Dashboard> dashboards = store.dashboards(owner);
        if (!dashboards.isEmpty()) {
            return dashboards;
        }
        store.lockOwner(owner);
        dashboards = store.dashboards(owner);
        if (!dashboards.isEmpty()) {
            return dashboards; // another tab made it meanwhile
        }
        long id = store.insert(owner, messages.getMessage("dashboards.defaultName", null, "My dashboard", locale),
                messages.getMessage("dashboards.defaultDescription", null, null, locale));
        store.home(owner, id);
        DEFAULT_WIDGETS.forEach(kind -> store.insertWidget(id, kind, null, kind.defaults(), kind.defaultWidth()));
        return store.dashboards(owner);
    }

    /** The dashboard that opens first: the one shown on the main screen, else the first. */
    static Dashboard home(List<Dashboard> dashboards) {
        return dashboards.stream().filter(Dashboard::onHome).findFirst().orElse(dashboards.get(0));
    }

    Optional<Dashboard> dashboard(String owner, long id) {
        return store.dashboard(owner, id);
    }

    List<Widget> widgets(Dashboard dashboard) {
        return store.widgets(dashboard.id());
    }

    Optional<Widget> widget(String owner, long id) {
        return store.widget(owner, id);
    }

    @Transactional
    Saved create(String owner, String name, String description, boolean onHome) {
        store.lockOwner(owner);
        List<Violation> violations = check(owner, null, name, description);
        if (store.dashboards(owner).size() >= MAX_DASHBOARDS) {
            violations.add(new Violation("name", "dashboards.error.tooMany", MAX_DASHBOARDS));
        }
        if (!violations.isEmpty()) {
            return Saved.refused(violations);
        }
        long id = store.insert(owner, name.strip(), blankToNull(description));
        if (onHome) {
            store.home(owner, id);
        }
        return Saved.done(id);
    }

    /** Renames the dashboard, or changes its description or whether it opens first; empty when it is not the owner's. */
    @Transactional
    Optional<Saved> update(String owner, long id, String name, String description, boolean onHome) {
        store.lockOwner(owner);
        Optional<Dashboard> dashboard = store.dashboard(owner, id);
        if (dashboard.isEmpty()) {
            return Optional.empty();
        }
        List<Violation> violations = check(owner, id, name, description);
        if (!violations.isEmpty()) {
            return Optional.of(Saved.refused(violations));
        }
        store.update(owner, id, name.strip(), blankToNull(description));
        if (onHome) {
            store.home(owner, id);
        } else if (dashboard.get().onHome()) {
            store.home(owner, null);
        }
        return Optional.of(Saved.done(id));
    }

    /** Deletes the dashboard with its widgets; false when it is not the owner's. */
    @Transactional
    boolean delete(String owner, long id) {
        return store.delete(owner, id);
    }

    /** Adds a widget of this kind, with the kind's settings, at the end; empty when the dashboard is not the owner's. */
    @Transactional
    Optional<Saved> addWidget(String owner, long dashboardId, WidgetKind kind) {
        if (store.dashboard(owner, dashboardId).isEmpty()) {
            return Optional.empty();
        }
        if (kind == null) {
            return Optional.of(Saved.refused(List.of(new Violation("kind", "widget.error.kind"))));
        }
        if (store.widgetCount(dashboardId) >= MAX_WIDGETS) {
            return Optional.of(Saved.refused(List.of(new Violation("kind", "widget.error.tooMany", MAX_WIDGETS))));
        }
        return Optional.of(Saved.done(store.insertWidget(dashboardId, kind, null, kind.defaults(), kind.defaultWidth())));
    }

    /** Changes a widget's title, width and settings; empty when it is not on a dashboard of the owner. */
    @Transactional
    Optional<Saved> saveWidget(String owner, long widgetId, String title, Integer width, Long campaignId,
                               WidgetPeriod period, ChartType chart) {
        Optional<Widget> found = store.widget(owner, widgetId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        WidgetKind kind = found.get().kind();
        List<Violation> violations = new ArrayList<>();
        String cleanTitle = blankToNull(title);
        if (cleanTitle != null && cleanTitle.length() > 200) {
            violations.add(new Violation("title", "widget.error.titleTooLong", 200));
        }
        if (width == null || !WIDTHS.contains(width)) {
            violations.add(new Violation("width", "widget.error.width"));
        }
        if (campaignId != null && (!kind.filtersCampaign() || campaigns.find(campaignId).isEmpty())) {
            violations.add(new Violation("campaignId", "widget.error.campaign"));
        }
        if (!kind.choosesPeriod()) {
            period = null; // nothing to choose: the form has no such field
        }
        if (kind.charts().size() == 1) {
            chart = null; // the same
        }
        if (period != null && !kind.periods().contains(period)) {
            violations.add(new Violation("period", "widget.error.period"));
        }
        if (chart != null && !kind.charts().contains(chart)) {
            violations.add(new Violation("chart", "widget.error.chart"));
        }
        if (!violations.isEmpty()) {
            return Optional.of(Saved.refused(violations));
        }
        store.updateWidget(widgetId, cleanTitle, new WidgetSettings(campaignId, period, chart).completedFor(kind), width);
        return Optional.of(Saved.done(widgetId));
    }

    /** Removes the widget; false when it is not on a dashboard of the owner. */
    @Transactional
    boolean removeWidget(String owner, long widgetId) {
        Optional<Widget> widget = store.widget(owner, widgetId);
        widget.ifPresent(w -> store.deleteWidget(w.id()));
        return widget.isPresent();
    }

    /**
     * Moves the widget one place earlier ({@code by} -1) or later (+1) on its dashboard; at either end it stays.
     * False when it is not on a dashboard of the owner.
     */
    @Transactional
    boolean moveWidget(String owner, long widgetId, int by) {
        Optional<Widget> widget = store.widget(owner, widgetId);
        if (widget.isEmpty()) {
            return false;
        }
        store.lockOwner(owner);
        List<Long> order = new ArrayList<>(store.widgets(widget.get().dashboardId()).stream().map(Widget::id).toList());
        int from = order.indexOf(widgetId);
        int to = from + Integer.signum(by);
        if (from >= 0 && to >= 0 && to < order.size()) {
            order.add(to, order.remove(from));
        }
        store.order(widget.get().dashboardId(), order);
        return true;
    }

    private List<Violation> check(String owner, Long id, String name, String description) {
        List<Violation> violations = new ArrayList<>();
        if (name == null || name.isBlank()) {
            violations.add(new Violation("name", "dashboards.error.nameRequired"));
        } else if (name.strip().length() > 100) {
            violations.add(new Violation("name", "dashboards.error.nameTooLong", 100));
        } else if (store.nameTaken(owner, name.strip(), id)) {
            violations.add(new Violation("name", "dashboards.error.nameTaken", name.strip()));
        }
        if (description != null && description.strip().length() > 1000) {
            violations.add(new Violation("description", "dashboards.error.descriptionTooLong", 1000));
        }
        return violations;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
