package org.dozvon.strategy;

/** How a contact's processing in a campaign ended (after AMT Campaign Manager's client statuses). */
public enum FinalStatus {
    SUCCESS,
    FAILURE,
    DO_NOT_CALL,
    ATTEMPTS_EXHAUSTED_CONTACT,
    ATTEMPTS_EXHAUSTED_PHONE_TYPE,
    ATTEMPTS_EXHAUSTED_CODE,
    DURATION_EXCEEDED_FIRST_ATTEMPT,
    DURATION_EXCEEDED_CREATION,
    STOP_DATE_REACHED,
    CAMPAIGN_STOPPED,
    NO_PHONE,
    MOVED,
    /** Taken out of the campaign from outside: a CRM or a supervisor cancelled the contact's processing. */
    CANCELLED;

    public String messageKey() {
        return "finalStatus." + name();
    }
}
