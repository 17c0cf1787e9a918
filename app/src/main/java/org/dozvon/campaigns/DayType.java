package org.dozvon.campaigns;

public enum DayType {
    WORKDAY,
    WEEKEND,
    HOLIDAY
}
