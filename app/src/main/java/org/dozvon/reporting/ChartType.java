package org.dozvon.reporting;

/** How a widget draws its figures. */
enum ChartType {
    /** Bars side by side. */
    BAR,
    /** Bars stacked: the parts of a whole. */
    STACKED,
    /** Lines. */
    LINE;

    public String messageKey() {
        return "widget.chart." + name();
    }
}
