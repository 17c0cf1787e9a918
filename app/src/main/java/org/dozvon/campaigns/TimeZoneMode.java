package org.dozvon.campaigns;

/** Whose clock the calling hours are read on. */
public enum TimeZoneMode {
    /**
     * Each phone's own zone (from the contact's time-zone field, the numbering directory or the prefix
     * table); the campaign's zone for phones without one.
     */
    CONTACT,
    /** The campaign's zone for every contact. */
    CAMPAIGN
}
