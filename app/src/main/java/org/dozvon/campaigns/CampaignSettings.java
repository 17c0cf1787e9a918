package org.dozvon.campaigns;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.dozvon.contacts.ContactFilter;
import org.dozvon.contacts.ContactSelection;

/**
 * Everything a person sets on a campaign, as the form's tabs group it (General; Lists and selection;
 * Schedule; Dialing; Limits; Integrations). Checked by the campaigns module before it is stored, so a stored campaign's
 * settings are consistent (a zone that exists, intervals that are intervals); ids of other modules'
 * objects (lists, DNC lists) existed when saved.
 *
 * @param strategyKey               the strategy (BPMN process key) that handles each contact
 * @param strategyVersion           a pinned version of that strategy; null: always the latest deployed
 * @param listIds                   contact lists in processing order
 * @param filter                    conditions on contact fields; {@link ContactFilter#NONE} for all contacts
 * @param percent                   the share of the filtered contacts taken, 1–100
 * @param ordering                  a priority field (or creation) and direction
 * @param dncListIds                DNC lists honoured: contacts with a listed number or address are left out
 * @param completionCodeGroupId     the completion-code group operators choose from (id only, for now)
 * @param calendarId                the working-day calendar that tells working days, weekends and holidays
 *                                  (id only, for now); null: Monday–Friday working days, no holidays
 * @param endless                   false: finite, completes when its contacts are done; true: runs until stopped
 * @param weight                    1–1000; operators short of work go to the heaviest running campaign first
 * @param startsAt                  no contact is called before; null: as soon as it is started
 * @param stopsAt                   the stop date: no contact is called after it, and the campaign completes; null: none
 * @param timeZone                  the campaign's zone (IANA id or offset): all contacts' in CAMPAIGN mode, the
 *                                  default for phones without a zone in CONTACT mode
 * @param callingHours              intervals per day type
 * @param exceptions                intervals per date replacing the day type's; an empty list: no calls that date
 * @param callbackPeriodHours       how far ahead a callback may be set; null: no limit
 * @param numberPrefix              dialled before every number (digits, {@code + * #}); null: none
 * @param maxAttemptsPerContact     attempts per contact over the campaign; null: no limit
 * @param maxAttemptsPerPhoneType   attempts per phone field (code → attempts); absent: no limit
 * @param maxAttemptsPerDay         attempts per contact per (local) day; null: no limit
 * @param maxHoursSinceFirstAttempt a contact is not called later than this after its first attempt; null: no limit
 * @param maxHoursSinceCreation     a contact is not called later than this after it was created; null: no limit
 * @param maxLines                  how many calls the campaign may have at once; null: as many as the connectors carry
 * @param callerIdGroupId           the caller-ID group its calls draw a number from; null: the trunk's own number
 * @param dialing                   the dialing mode and the operators it takes
 * @param scriptId                  the call script its operators follow and answer at wrap-up; null: none
 * @param integrations              links operators open from the contact's card and the client-data service
 */
public record CampaignSettings(
        String name, String description,
        String strategyKey, Integer strategyVersion,
        List<Long> listIds, ContactSelection.ListOrder listOrder, ContactFilter filter, int percent,
        ContactSelection.Ordering ordering, List<Long> dncListIds,
        Long completionCodeGroupId, Long calendarId,
        boolean endless, int weight, Instant startsAt, Instant stopsAt,
        TimeZoneMode timeZoneMode, String timeZone,
        Map<DayType, List<CallingInterval>> callingHours, Map<LocalDate, List<CallingInterval>> exceptions,
        Integer callbackPeriodHours, String numberPrefix,
        Integer maxAttemptsPerContact, Map<String, Integer> maxAttemptsPerPhoneType, Integer maxAttemptsPerDay,
        Integer maxHoursSinceFirstAttempt, Integer maxHoursSinceCreation, Integer maxLines, Long callerIdGroupId,
        CampaignDialing dialing, Long scriptId, CampaignIntegrations integrations) {

    public static final String DEFAULT_ZONE = "Europe/Moscow";

    public CampaignSettings {
        listIds = listIds == null ? List.of() : List.copyOf(listIds);
        dialing = dialing == null ? CampaignDialing.DEFAULT : dialing;
        integrations = integrations == null ? CampaignIntegrations.NONE : integrations;
        listOrder = listOrder == null ? ContactSelection.ListOrder.IN_ORDER : listOrder;
        filter = filter == null ? ContactFilter.NONE : filter;
        ordering = ordering == null ? ContactSelection.Ordering.OLDEST_FIRST : ordering;
        dncListIds = dncListIds == null ? List.of() : List.copyOf(dncListIds);
        timeZoneMode = timeZoneMode == null ? TimeZoneMode.CONTACT : timeZoneMode;
        EnumMap<DayType, List<CallingInterval>> hours = new EnumMap<>(DayType.class);
        for (DayType type : DayType.values()) {
            hours.put(type, callingHours == null ? List.of() : List.copyOf(callingHours.getOrDefault(type, List.of())));
        }
        callingHours = java.util.Collections.unmodifiableMap(hours);
        TreeMap<LocalDate, List<CallingInterval>> dates = new TreeMap<>();
        if (exceptions != null) {
            exceptions.forEach((date, intervals) -> dates.put(date, List.copyOf(intervals)));
        }
        exceptions = java.util.Collections.unmodifiableSortedMap(dates);
        maxAttemptsPerPhoneType = maxAttemptsPerPhoneType == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(maxAttemptsPerPhoneType));
    }

    /**
     * A new campaign as the form first shows it: every list in order, no filter, working days
     * 09:00–21:00 and weekends 10:00–18:00 (Russian law on collection calls has the same shape), no holidays.
     */
    public static CampaignSettings blank() {
        Map<DayType, List<CallingInterval>> hours = new EnumMap<>(DayType.class);
        hours.put(DayType.WORKDAY, List.of(CallingInterval.of("09:00", "21:00")));
        hours.put(DayType.WEEKEND, List.of(CallingInterval.of("10:00", "18:00")));
        hours.put(DayType.HOLIDAY, List.of());
        return new CampaignSettings("", null, null, null, List.of(), ContactSelection.ListOrder.IN_ORDER, ContactFilter.NONE,
                100, ContactSelection.Ordering.OLDEST_FIRST, List.of(), null, null, false, 1, null, null,
                TimeZoneMode.CONTACT, DEFAULT_ZONE, hours, Map.of(), null, null, null, Map.of(), null, null, null, null, null, CampaignDialing.DEFAULT, null,
                CampaignIntegrations.NONE);
    }

    /** These settings under another name. */
    public CampaignSettings withName(String newName) {
        return new CampaignSettings(newName, description, strategyKey, strategyVersion, listIds, listOrder, filter, percent, ordering, dncListIds, completionCodeGroupId, calendarId, endless, weight, startsAt, stopsAt, timeZoneMode, timeZone, callingHours, exceptions, callbackPeriodHours, numberPrefix, maxAttemptsPerContact, maxAttemptsPerPhoneType, maxAttemptsPerDay, maxHoursSinceFirstAttempt, maxHoursSinceCreation, maxLines, callerIdGroupId, dialing, scriptId, integrations);
    }

    /** These settings with another strategy (version null: the latest). */
    public CampaignSettings withStrategy(String key, Integer version) {
        return new CampaignSettings(name, description, key, version, listIds, listOrder, filter, percent, ordering, dncListIds, completionCodeGroupId, calendarId, endless, weight, startsAt, stopsAt, timeZoneMode, timeZone, callingHours, exceptions, callbackPeriodHours, numberPrefix, maxAttemptsPerContact, maxAttemptsPerPhoneType, maxAttemptsPerDay, maxHoursSinceFirstAttempt, maxHoursSinceCreation, maxLines, callerIdGroupId, dialing, scriptId, integrations);
    }

    /** These settings with other dialing settings. */
    public CampaignSettings withDialing(CampaignDialing newDialing) {
        return new CampaignSettings(name, description, strategyKey, strategyVersion, listIds, listOrder, filter, percent, ordering, dncListIds, completionCodeGroupId, calendarId, endless, weight, startsAt, stopsAt, timeZoneMode, timeZone, callingHours, exceptions, callbackPeriodHours, numberPrefix, maxAttemptsPerContact, maxAttemptsPerPhoneType, maxAttemptsPerDay, maxHoursSinceFirstAttempt, maxHoursSinceCreation, maxLines, callerIdGroupId, newDialing, scriptId, integrations);
    }

    /** These settings with other integrations. */
    public CampaignSettings withIntegrations(CampaignIntegrations newIntegrations) {
        return new CampaignSettings(name, description, strategyKey, strategyVersion, listIds, listOrder, filter, percent, ordering, dncListIds, completionCodeGroupId, calendarId, endless, weight, startsAt, stopsAt, timeZoneMode, timeZone, callingHours, exceptions, callbackPeriodHours, numberPrefix, maxAttemptsPerContact, maxAttemptsPerPhoneType, maxAttemptsPerDay, maxHoursSinceFirstAttempt, maxHoursSinceCreation, maxLines, callerIdGroupId, dialing, scriptId, newIntegrations);
    }

    /** The campaign's zone. */
    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** When the campaign may call, in the zone {@link #timeZoneMode} says. */
    public CallingHours hours() {
        return CallingHours.of(callingHours, exceptions);
    }

    /** The campaign's contacts as the contacts module picks them; {@code today} in filters is the campaign's today. */
    public ContactSelection selection() {
        return selection(zone());
    }

    ContactSelection selection(ZoneId today) {
        return new ContactSelection(listIds, listOrder, filter, percent, ordering, java.util.Set.copyOf(dncListIds), today);
    }

    /** The limits on attempts and on time. */
    public CampaignLimits limits() {
        return new CampaignLimits(maxAttemptsPerContact, maxAttemptsPerPhoneType, maxAttemptsPerDay,
                hours(maxHoursSinceFirstAttempt), hours(maxHoursSinceCreation), stopsAt, hours(callbackPeriodHours));
    }

    private static java.time.Duration hours(Integer hours) {
        return hours == null ? null : java.time.Duration.ofHours(hours);
    }
}
