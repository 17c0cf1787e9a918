package org.dozvon.contacts.numbering;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.ApiPage;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/dictionaries/time-zones}: the zones a contact can carry (in a TIMEZONE field, or resolved from
 * its numbers): every IANA region zone, in code order ({@link ApiPage}), with its name in the request's language and
 * its UTC offset now. A TIMEZONE field also takes an offset ({@code +05:00}, {@code UTC+5}, {@code MSK+2}).
 */
@RestController
class TimeZonesApi {

    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(id -> id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/"))
            .sorted().toList();
    private static final Set<String> SUGGESTED = Set.copyOf(ZoneTexts.SUGGESTIONS);

    private final Clock clock;

    TimeZonesApi(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param q         only zones whose code or name contains this (any case)
     * @param suggested true: only the zones the portal offers first (Russia's, west to east, and some neighbours)
     */
    @GetMapping("/api/v1/dictionaries/time-zones")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    ApiPage<TimeZoneEntry> timeZones(@RequestParam(defaultValue = "") String q,
                                     @RequestParam(required = false) Boolean suggested,
                                     @RequestParam(required = false) String cursor,
                                     @RequestParam(required = false) Integer limit) {
        Locale locale = LocaleContextHolder.getLocale();
        Instant now = clock.instant();
        String text = q.strip().toLowerCase(Locale.ROOT);
        List<TimeZoneEntry> entries = ZONES.stream()
                .filter(id -> suggested == null || suggested == SUGGESTED.contains(id))
                .map(id -> entry(ZoneId.of(id), locale, now))
                .filter(entry -> text.isEmpty() || entry.code().toLowerCase(Locale.ROOT).contains(text)
                        || entry.name().toLowerCase(locale).contains(text))
                .toList();
        return ApiPage.byKey(entries, cursor, limit, TimeZoneEntry::code, entry -> entry);
    }

    private static TimeZoneEntry entry(ZoneId zone, Locale locale, Instant now) {
        return new TimeZoneEntry(zone.getId(), zone.getDisplayName(TextStyle.FULL, locale),
                ZoneTexts.canonical(zone.getRules().getOffset(now)), SUGGESTED.contains(zone.getId()));
    }

    /**
     * @param utcOffset the zone's offset from UTC now ({@code +05:00}), which daylight-saving time may change
     * @param suggested one of the zones the portal offers first
     */
    record TimeZoneEntry(String code, String name, String utcOffset, boolean suggested) {
    }
}
