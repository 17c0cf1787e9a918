package org.dozvon.contacts.numbering;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time zones as people and CRMs write them: IANA ids in any letter case ({@code asia/yekaterinburg}),
 * offsets with or without a base ({@code +5}, {@code +05:00}, {@code UTC+5}, {@code GMT+3},
 * {@code UTC+05:30}) and Moscow-relative offsets as Russian schedules give them ({@code MSK+2},
 * {@code МСК+2}). Offsets are fixed: Russia keeps no daylight-saving time, and an IANA id is the way to
 * say a zone that does.
 */
final class ZoneTexts {

    private static final Pattern OFFSET = Pattern.compile(
            "(?iu)(UTC|GMT|UT|MSK|МСК)?\\s*(?:([+\\-−])\\s*(\\d{1,2})(?:[:.]?(\\d{2}))?)?");
    private static final Pattern BARE_HOURS = Pattern.compile("(\\d{1,2})(?::(\\d{2}))?");
    private static final Map<String, String> IANA = new HashMap<>();

    /** What a zone field offers to pick from: Russia's zones west to east, then some neighbours. */
    static final List<String> SUGGESTIONS = List.of("Europe/Kaliningrad", "Europe/Moscow", "Europe/Simferopol",
            "Europe/Kirov", "Europe/Volgograd", "Europe/Astrakhan", "Europe/Samara", "Europe/Saratov", "Europe/Ulyanovsk",
            "Asia/Yekaterinburg", "Asia/Omsk", "Asia/Novosibirsk", "Asia/Barnaul", "Asia/Tomsk", "Asia/Novokuznetsk",
            "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Chita", "Asia/Yakutsk", "Asia/Khandyga", "Asia/Vladivostok",
            "Asia/Ust-Nera", "Asia/Magadan", "Asia/Sakhalin", "Asia/Srednekolymsk", "Asia/Kamchatka", "Asia/Anadyr",
            "Europe/Minsk", "Asia/Almaty", "Asia/Tashkent", "Asia/Bishkek", "Asia/Yerevan", "Asia/Tbilisi", "Asia/Baku",
            "Europe/Kyiv", "Europe/Chisinau", "Europe/Istanbul", "UTC+3", "UTC+5", "UTC+7");

    static {
        for (String id : ZoneId.getAvailableZoneIds()) {
            IANA.put(id.toLowerCase(Locale.ROOT), id);
        }
    }

    private ZoneTexts() {
    }

    /** The zone the text names, or empty when it names none (or is blank). */
    static Optional<ZoneId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.equalsIgnoreCase("Z")) {
            return Optional.of(ZoneOffset.UTC);
        }
        Matcher offset = OFFSET.matcher(value);
        if (offset.matches() && (offset.group(1) != null || offset.group(2) != null)) {
            int base = offset.group(1) != null && isMoscow(offset.group(1)) ? 3 * 60 : 0;
            if (offset.group(2) == null) {
                return ofMinutes(base);
            }
            int sign = offset.group(2).equals("+") ? 1 : -1;
            int hours = Integer.parseInt(offset.group(3));
            int minutes = offset.group(4) == null ? 0 : Integer.parseInt(offset.group(4));
            if (minutes > 59) {
                return Optional.empty();
            }
            return ofMinutes(base + sign * (hours * 60 + minutes));
        }
        Matcher bare = BARE_HOURS.matcher(value);
        if (bare.matches()) {
            int minutes = bare.group(2) == null ? 0 : Integer.parseInt(bare.group(2));
            return minutes > 59 ? Optional.empty() : ofMinutes(Integer.parseInt(bare.group(1)) * 60 + minutes);
        }
        String id = IANA.get(value.toLowerCase(Locale.ROOT));
        return id == null ? Optional.empty() : Optional.of(ZoneId.of(id));
    }

    /** How Dozvon stores a zone: the IANA id, or an offset as {@code ±HH:MM} ({@code +00:00} for UTC). */
    static String canonical(ZoneId zone) {
        if (zone instanceof ZoneOffset offset) {
            int total = offset.getTotalSeconds() / 60;
            return String.format(Locale.ROOT, "%s%02d:%02d", total < 0 ? "-" : "+", Math.abs(total) / 60, Math.abs(total) % 60);
        }
        return zone.getId();
    }

    /** For people: {@code UTC+05:00} for an offset, {@code Asia/Yekaterinburg (UTC+05:00)} for a region. */
    static String label(ZoneId zone, java.time.Instant at) {
        String offset = "UTC" + canonical(zone.getRules().getOffset(at));
        return zone instanceof ZoneOffset ? offset : zone.getId() + " (" + offset + ")";
    }

    private static boolean isMoscow(String base) {
        return base.equalsIgnoreCase("MSK") || base.equalsIgnoreCase("МСК");
    }

    private static Optional<ZoneId> ofMinutes(int minutes) {
        // real offsets run from UTC-12 to UTC+14; anything beyond is a typing error, not a zone
        if (minutes < -12 * 60 || minutes > 14 * 60) {
            return Optional.empty();
        }
        return Optional.of(ZoneOffset.ofTotalSeconds(minutes * 60));
    }
}
