package org.dozvon.reporting;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What a dashboard widget shows, with the settings that make sense for it. */
enum WidgetKind {
    /** Today's ended calls per hour, stacked by outcome category. */
    CALLS_BY_HOUR(12, EnumSet.of(WidgetPeriod.TODAY), ChartType.STACKED, ChartType.BAR, ChartType.LINE),
    /** The last 7 or 30 days' ended calls per day, stacked by outcome category. */
    CALLS_BY_DAY(6, EnumSet.of(WidgetPeriod.LAST_7_DAYS, WidgetPeriod.LAST_30_DAYS), ChartType.STACKED, ChartType.BAR,
            ChartType.LINE),
    /** Running and paused campaigns: contacts finished (succeeded or not) and remaining. */
    CAMPAIGN_PROGRESS(6, EnumSet.of(WidgetPeriod.TODAY), ChartType.STACKED, ChartType.BAR),
    /** Per operator: calls talked on, talk time, average wrap-up. */
    OPERATOR_COMPARISON(6, EnumSet.allOf(WidgetPeriod.class), ChartType.BAR),
    /** Abandoned per person who waited for an operator: per hour today, or per day. */
    ABANDON_RATE(6, EnumSet.allOf(WidgetPeriod.class), ChartType.LINE, ChartType.BAR);

    private final int defaultWidth;
    private final Set<WidgetPeriod> periods;
    private final List<ChartType> charts;

    /** The first chart type is the default one. */
    WidgetKind(int defaultWidth, Set<WidgetPeriod> periods, ChartType... charts) {
        this.defaultWidth = defaultWidth;
        this.periods = periods;
        this.charts = List.of(charts);
    }

    WidgetSettings defaults() {
        return new WidgetSettings(null, periods.iterator().next(), charts.get(0));
    }

    /** The chart types that suit the figures (the first is the default). */
    public List<ChartType> charts() {
        return charts;
    }

    public int defaultWidth() {
        return defaultWidth;
    }

    /** The periods a user may choose (one: the widget has no choice). */
    public Set<WidgetPeriod> periods() {
        return periods;
    }

    public boolean choosesPeriod() {
        return periods.size() > 1;
    }

    /** Every kind can be narrowed to one campaign. */
    boolean filtersCampaign() {
        return true;
    }

    /** The kind's name, also the title of a widget that has none of its own. */
    public String messageKey() {
        return "widget.kind." + name();
    }

    public String aboutKey() {
        return "widget.kind." + name() + ".about";
    }
}
