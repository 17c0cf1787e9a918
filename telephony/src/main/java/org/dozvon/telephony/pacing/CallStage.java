package org.dozvon.telephony.pacing;

/** Where a call the campaign placed stands, as far as pacing cares. */
public enum CallStage {
    /** Dialled, not answered yet (setting up, ringing). */
    DIALLING,
    /** Answered; the greeting plays and answering-machine detection listens. */
    ANSWERED,
    /** A person (as far as the dialer can tell) waits for an operator; the abandon clock runs. */
    WAITING
}
