package org.dozvon.telephony.pacing;

/** How a dial ended without ever needing an operator. */
public enum DialOutcome {
    /** Nobody answered within the no-answer timeout. */
    NO_ANSWER,
    /** The line was busy. */
    BUSY,
    /** The number does not work (special information tone, congestion, rejected). */
    INVALID,
    /** An answering machine (or whatever detection took for one) answered and the call was hung up. */
    MACHINE
}
