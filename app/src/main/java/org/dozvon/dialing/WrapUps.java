package org.dozvon.dialing;

import java.time.Instant;

/** Where the end of an operator's wrap-up goes: the call's outcome, with the operator's code, to the strategy. */
public interface WrapUps {

    /**
     * The operator finished the wrap-up of a call it talked on (or its wrap-up time ran out).
     *
     * @param completionCode the operator's completion code; null: the system code of an answered call
     * @param callbackAt     a callback time agreed with the person, or null
     */
    void finished(long attemptId, String completionCode, Instant callbackAt);
}
