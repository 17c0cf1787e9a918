package org.dozvon.contacts;

import java.time.ZoneId;

/**
 * The time zone of a phone. The first match wins: the contact's explicit time-zone field, then the
 * numbering-range directory (Russian numbers), then the prefix table (longest prefix), then the
 * campaign default. Answers from memory, without touching the database, so that imports can call it
 * for every phone; the directory and the prefixes it reads are replaced atomically after each change.
 */
public interface PhoneTimeZones {

    /**
     * @param e164            the phone in E.164 ({@code +79123456789}); a missing {@code +} is tolerated,
     *                        {@code null} or blank skips the range and prefix steps
     * @param explicitZone    the raw value of the contact's time-zone field, {@code null} or blank if none: an
     *                        IANA id ({@code Asia/Yekaterinburg}) or an offset ({@code UTC+5}, {@code +05:00},
     *                        {@code GMT+3}, {@code MSK+2}); a value that is not a zone is skipped, and the detail
     *                        of the answer says so
     * @param campaignDefault the campaign's zone, or {@code null}
     * @return never {@code null}
     */
    ZoneResolution resolve(String e164, String explicitZone, ZoneId campaignDefault);
}
