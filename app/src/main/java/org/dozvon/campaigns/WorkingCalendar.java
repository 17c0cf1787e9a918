package org.dozvon.campaigns;

import java.time.DayOfWeek;
import java.util.Set;

/**
 * A working-day calendar (a "production calendar"): campaigns refer to one by id, and strategies ask
 * {@link WorkingCalendars#dayType} what kind of day a date is.
 *
 * @param weekendDays the weekly days off of every year that has none of its own
 */
public record WorkingCalendar(long id, String name, String description, Set<DayOfWeek> weekendDays) {
}
