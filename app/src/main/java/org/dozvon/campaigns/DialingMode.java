package org.dozvon.campaigns;

/** How a campaign dials (manual 19.1.1; DESIGN.md "Dialing modes"). */
public enum DialingMode {
    /** An operator is reserved and sees the card first; the call is placed after the preview time or at once. */
    PREVIEW,
    /** Calls only for free operators, a number of lines per operator that adapts to the measured hit rate. */
    PROGRESSIVE,
    /** Calls ahead of operators becoming free, keeping the abandon rate under the campaign's target. */
    PREDICTIVE,
    /** No operators: answered calls go to the IVR. */
    AGENTLESS;

    /** Whether answered calls need an operator. */
    public boolean withOperators() {
        return this != AGENTLESS;
    }

    /** The message-bundle key of this mode's name. */
    public String messageKey() {
        return "dialingMode." + name();
    }
}
