package org.dozvon.campaigns;

/** Who sets a completion code. */
public enum CodeKind {
    /** Set by telephony when no person gives a code: one per {@link OutcomeCategory}, shipped with Dozvon. */
    SYSTEM,
    /** Chosen by the operator at wrap-up, among the codes of the campaign's code group. */
    OPERATOR
}
