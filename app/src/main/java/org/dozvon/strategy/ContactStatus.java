package org.dozvon.strategy;

/** Where a contact stands in one campaign, as a CRM hears it. */
public enum ContactStatus {
    /** Taken by the campaign; its strategy calls it when due. */
    ACTIVE,
    /** Not called before a moment (a CRM's "postpone until"); active again after it. */
    POSTPONED,
    /** Not called until told otherwise (a CRM's "do not touch"); its strategy waits. */
    ON_HOLD,
    /** Its strategy has ended, with a {@link FinalStatus}. */
    FINISHED
}
