package org.dozvon.campaigns;

/**
 * What became of one call attempt, in the one classification that the workplace, the portal, every
 * report and every export use. Every attempt has exactly one; completion codes refine it.
 */
public enum OutcomeCategory {
    /** A person answered (and, with operators, talked to one). */
    ANSWERED,
    /** It rang until the dialling timeout. */
    NO_ANSWER,
    /** The line was busy. */
    BUSY,
    /** The called party or the network declined the call. */
    REJECTED,
    /** Answered, but no operator was free in time: the person was dropped. */
    ABANDONED,
    /** An answering machine or a robot answered. */
    MACHINE,
    /** A technical error: congestion, a bad number, the PBX refused the call. */
    FAILED;

    /** The message-bundle key of this category's name. */
    public String messageKey() {
        return "outcome." + name();
    }
}
