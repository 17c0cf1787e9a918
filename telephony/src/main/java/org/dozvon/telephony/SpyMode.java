package org.dozvon.telephony;

/**
 * How a supervisor joins an operator's call through {@link PbxPort#spy}: the supervisor's phone is rung and, once
 * answered, hears the operator's call (Asterisk's {@code ChanSpy} on the operator's channel).
 */
public enum SpyMode {
    /** The supervisor hears the operator and the customer; nobody hears the supervisor. */
    LISTEN,
    /** As LISTEN, and the operator (only) hears the supervisor: prompting the operator. */
    WHISPER,
    /** As LISTEN, and both the operator and the customer hear the supervisor: joining the conversation. */
    BARGE
}
