package org.dozvon.telephony;

/** The {@code AMDSTATUS} that Asterisk's AMD() application reports in the {@code AMDResult} user event. */
public enum AmdStatus {
    HUMAN, MACHINE, NOTSURE, HANGUP;

    /** Unknown words count as NOTSURE: the call goes on as if a person might be there. */
    public static AmdStatus parse(String text) {
        if (text != null) {
            for (AmdStatus status : values()) {
                if (status.name().equalsIgnoreCase(text.trim())) {
                    return status;
                }
            }
        }
        return NOTSURE;
    }
}
