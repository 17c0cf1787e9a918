package org.dozvon.telephony;

/** Whether calls go to a real Asterisk or to Dozvon's own AMI simulator. */
public enum TelephonyMode {
    /** Dozvon's AMI simulator: no call leaves the building. */
    SIMULATED,
    /** A real Asterisk over AMI. */
    ASTERISK
}
