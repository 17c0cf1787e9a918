package org.dozvon.contacts;

/** Where a phone's time zone came from, in the order {@link PhoneTimeZones} tries them. */
public enum ZoneSource {
    /** The contact's own time-zone field. */
    CONTACT_FIELD,
    /** The Russian numbering-range directory (Rossvyaz / Ministry of Digital Development plan files). */
    NUMBERING_RANGE,
    /** The prefix table ("phone codes"), longest prefix first. */
    PREFIX,
    /** The campaign's default zone, or nothing when none was given. */
    CAMPAIGN_DEFAULT
}
