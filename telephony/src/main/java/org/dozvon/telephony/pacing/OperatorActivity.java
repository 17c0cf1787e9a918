package org.dozvon.telephony.pacing;

/** What a logged-in, not paused operator is doing, as far as pacing cares. */
public enum OperatorActivity {
    /** Free, waiting for a call. */
    READY,
    /** Talking to a contact. */
    TALK,
    /** Wrapping up the last call (completion code, notes). */
    WRAP
}
