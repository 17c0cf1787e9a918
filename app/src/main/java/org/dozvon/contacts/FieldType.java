package org.dozvon.contacts;

/** What a contact field holds; decides how its values are checked and stored. */
public enum FieldType {
    /** Free text, optionally checked against the field's mask (a regular expression). */
    TEXT,
    /** A decimal number; {@code 1 234,5} and {@code 1234.5} are both read. */
    NUMBER,
    /** A calendar date: {@code 2026-11-24}, {@code 24.11.2026} or {@code 24/11/2026}; stored as ISO. */
    DATE,
    /** A phone number, normalised to E.164 and dialled: each becomes a phone of the contact. */
    PHONE,
    /** An e-mail address. */
    EMAIL,
    /**
     * The contact's own time zone: an IANA id ({@code Asia/Yekaterinburg}) or an offset ({@code UTC+5});
     * it wins over the zone the contact's numbers imply.
     */
    TIMEZONE
}
