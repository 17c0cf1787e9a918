package org.dozvon.contacts.numbering;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dozvon.contacts.ZoneResolution;
import org.dozvon.contacts.ZoneSource;

/**
 * The chain that gives a phone its time zone, over one immutable pair of indexes: the contact's
 * time-zone field, then the numbering-range directory, then the longest prefix, then the campaign
 * default. Needs no database and allocates little, so imports can ask for every phone.
 */
final class TimeZoneChain {

    static final TimeZoneChain EMPTY = new TimeZoneChain(RangeIndex.EMPTY, PrefixIndex.EMPTY);

    private final RangeIndex ranges;
    private final PrefixIndex prefixes;

    TimeZoneChain(RangeIndex ranges, PrefixIndex prefixes) {
        this.ranges = ranges;
        this.prefixes = prefixes;
    }

    TimeZoneChain withRanges(RangeIndex newRanges) {
        return new TimeZoneChain(newRanges, prefixes);
    }

    TimeZoneChain withPrefixes(PrefixIndex newPrefixes) {
        return new TimeZoneChain(ranges, newPrefixes);
    }

    RangeIndex ranges() {
        return ranges;
    }

    PrefixIndex prefixes() {
        return prefixes;
    }

    ZoneResolution resolve(String e164, String explicitZone, ZoneId campaignDefault) {
        String ignored = null;
        if (explicitZone != null && !explicitZone.isBlank()) {
            Optional<ZoneId> zone = ZoneTexts.parse(explicitZone);
            if (zone.isPresent()) {
                return new ZoneResolution(zone.get(), ZoneSource.CONTACT_FIELD, "time-zone field: " + explicitZone.strip());
            }
            ignored = "time-zone field '" + explicitZone.strip() + "' ignored: not a time zone";
        }
        if (e164 != null) {
            long national = russianNationalNumber(e164);
            if (national >= 0) {
                int position = ranges.find(national);
                if (position >= 0 && ranges.zone(position) != null) {
                    return answer(ranges.zone(position), ZoneSource.NUMBERING_RANGE, ranges.describe(position), ignored);
                }
            }
            PhonePrefix prefix = prefixes.longest(e164);
            if (prefix != null) {
                return answer(prefix.zone(), ZoneSource.PREFIX, "prefix " + prefix.code() + " " + prefix.name(), ignored);
            }
        }
        if (campaignDefault != null) {
            return answer(campaignDefault, ZoneSource.CAMPAIGN_DEFAULT, "campaign default", ignored);
        }
        return answer(null, ZoneSource.CAMPAIGN_DEFAULT, "no range or prefix matches and no campaign default", ignored);
    }

    /** Every step of the chain for one phone, not just the one that decides: for the "why this zone" page. */
    Explanation explain(String e164, String explicitZone, ZoneId campaignDefault) {
        List<Step> steps = new ArrayList<>(4);
        if (explicitZone == null || explicitZone.isBlank()) {
            steps.add(new Step(ZoneSource.CONTACT_FIELD, null, "timezones.step.field.none"));
        } else {
            Optional<ZoneId> zone = ZoneTexts.parse(explicitZone);
            steps.add(zone.isPresent()
                    ? new Step(ZoneSource.CONTACT_FIELD, zone.get(), "timezones.step.field.valid", explicitZone.strip())
                    : new Step(ZoneSource.CONTACT_FIELD, null, "timezones.step.field.invalid", explicitZone.strip()));
        }
        long national = e164 == null ? -1 : russianNationalNumber(e164);
        int position = national < 0 ? -1 : ranges.find(national);
        if (national < 0) {
            steps.add(new Step(ZoneSource.NUMBERING_RANGE, null, "timezones.step.range.notRussian"));
        } else if (position < 0) {
            steps.add(new Step(ZoneSource.NUMBERING_RANGE, null, "timezones.step.range.none", String.valueOf(ranges.size())));
        } else if (ranges.zone(position) == null) {
            steps.add(new Step(ZoneSource.NUMBERING_RANGE, null, "timezones.step.range.noZone", ranges.describe(position)));
        } else {
            steps.add(new Step(ZoneSource.NUMBERING_RANGE, ranges.zone(position), "timezones.step.range.found",
                    ranges.describe(position)));
        }
        PhonePrefix prefix = e164 == null ? null : prefixes.longest(e164);
        steps.add(prefix == null
                ? new Step(ZoneSource.PREFIX, null, "timezones.step.prefix.none")
                : new Step(ZoneSource.PREFIX, prefix.zone(), "timezones.step.prefix.found", prefix.code(), prefix.name()));
        steps.add(campaignDefault == null
                ? new Step(ZoneSource.CAMPAIGN_DEFAULT, null, "timezones.step.default.none")
                : new Step(ZoneSource.CAMPAIGN_DEFAULT, campaignDefault, "timezones.step.default.given"));
        return new Explanation(steps, resolve(e164, explicitZone, campaignDefault));
    }

    /**
     * The ten-digit national number of a +7 number ({@code +79123456789} → 9123456789), or -1 for
     * anything else. Spaces, dashes and brackets are tolerated, the {@code +} is optional.
     */
    static long russianNationalNumber(String e164) {
        long number = 0;
        int digits = 0;
        for (int i = 0; i < e164.length(); i++) {
            char c = e164.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 0 && c != '7') {
                    return -1;
                }
                if (digits > 0) {
                    number = number * 10 + (c - '0');
                }
                if (++digits > 11) {
                    return -1;
                }
            } else if (c != '+' && c != ' ' && c != '-' && c != '(' && c != ')') {
                return -1;
            }
        }
        return digits == 11 ? number : -1;
    }

    private static ZoneResolution answer(ZoneId zone, ZoneSource source, String detail, String ignored) {
        return new ZoneResolution(zone, source, ignored == null ? detail : detail + "; " + ignored);
    }

    /** One step of the chain: the zone it offers (null for none) and what happened, as a message. */
    record Step(ZoneSource source, ZoneId zone, String messageKey, Object... arguments) {
    }

    /** The steps in order and the answer {@link #resolve} gives. */
    record Explanation(List<Step> steps, ZoneResolution result) {
    }
}
