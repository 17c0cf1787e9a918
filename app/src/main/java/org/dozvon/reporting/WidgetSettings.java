package org.dozvon.reporting;

/**
 * A widget's settings, kept as JSON in {@code dashboard_widget.settings}.
 *
 * @param campaignId only this campaign's figures; null: every campaign
 * @param period     the time covered (kinds without a choice ignore it)
 * @param chart      how the figures are drawn
 */
record WidgetSettings(Long campaignId, WidgetPeriod period, ChartType chart) {

    /** Fills what a stored JSON of an older shape, or a form, left out with the kind's defaults. */
    WidgetSettings completedFor(WidgetKind kind) {
        WidgetSettings defaults = kind.defaults();
        return new WidgetSettings(kind.filtersCampaign() ? campaignId : null,
                period != null && kind.periods().contains(period) ? period : defaults.period(),
                chart != null && kind.charts().contains(chart) ? chart : defaults.chart());
    }
}
