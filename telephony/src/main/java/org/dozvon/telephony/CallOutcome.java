package org.dozvon.telephony;

/**
 * What became of one originated call, as the PBX tells it. The names are those of the campaigns'
 * outcome categories, so that the dialing module maps them one to one; {@code docs/telephony.md} has
 * the table of OriginateResponse reasons and hang-up causes behind each.
 */
public enum CallOutcome {
    /** A person answered (and, when an operator was expected, was bridged to one). */
    ANSWERED,
    /** It rang until the ring timeout, or Dozvon gave up before anybody answered. */
    NO_ANSWER,
    /** The line was busy. */
    BUSY,
    /** The called party or the network declined the call (cause 21). */
    REJECTED,
    /** Answered, an operator was expected, but the call ended before one was bridged to it. */
    ABANDONED,
    /** Answering-machine detection said MACHINE. */
    MACHINE,
    /** A technical error: congestion, a number that does not exist, a dialplan or PBX failure. */
    FAILED
}
