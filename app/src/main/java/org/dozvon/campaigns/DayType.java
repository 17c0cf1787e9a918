package org.dozvon.campaigns;

/** What kind of day a date is in a working-day calendar. */
public enum DayType {
    WORKDAY,
    /** A weekly day off, or a weekday made a day off (a transferred weekend). */
    WEEKEND,
    /** A public holiday. */
    HOLIDAY;

    public String messageKey() {
        return "calendars.type." + name();
    }
}
