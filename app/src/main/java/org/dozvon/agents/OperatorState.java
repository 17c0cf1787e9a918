package org.dozvon.agents;

/** Where an operator stands (the workplace shows each with its colour and time in state). */
public enum OperatorState {
    /** Not logged in. */
    OFFLINE,
    /** Logged in, paused (break, lunch, training…). */
    NOT_READY,
    /** Free, waiting for a call. */
    READY,
    /** Sees a contact's card before the call is placed (preview campaigns). */
    PREVIEW,
    /** A call is being connected to the operator. */
    RINGING,
    /** Talking to a contact. */
    IN_CALL,
    /** Wrapping up the last call: completion code, comment, callback. */
    WRAP_UP;

    /** Whether the operator holds a call in this state. */
    public boolean holdsCall() {
        return this == PREVIEW || this == RINGING || this == IN_CALL || this == WRAP_UP;
    }

    /** The message-bundle key of this state's name. */
    public String messageKey() {
        return "operatorState." + name();
    }
}
