package org.dozvon.reporting;

/** The time a widget covers, up to now. */
enum WidgetPeriod {
    TODAY(1), LAST_7_DAYS(7), LAST_30_DAYS(30);

    private final int days;

    WidgetPeriod(int days) {
        this.days = days;
    }

    /** Days covered, today included. */
    public int days() {
        return days;
    }

    public String messageKey() {
        return "widget.period." + name();
    }
}
