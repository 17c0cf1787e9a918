package org.dozvon.channels;

/** Where a message of the journal stands after its latest attempt. */
public enum MessageStatus {
    /** An attempt is under way (or the process died during it). */
    QUEUED,
    /** The SMTP server, the SMS gateway or the web peer accepted it. */
    SENT,
    /** The latest attempt failed; the error says why. A retry of the same send raises the attempt count. */
    FAILED,
    /** A dry run: rendered and recorded, nothing left Dozvon. */
    SIMULATED
}
