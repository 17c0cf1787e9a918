package org.dozvon.telephony;

import java.time.Duration;
import java.util.Set;

/**
 * The PBX as Dozvon's dialing sees it: place calls, end or move them, and hear what becomes of them.
 * Methods return at once (they send an AMI action and do not wait for the call); what happens to the
 * call arrives as {@link CallEvent}s.
 */
public interface PbxPort {

    /**
     * Places a call. Whatever happens, even when the PBX is not connected or refuses the action, the
     * call ends with exactly one {@link CallEvent.CallEnded} (FAILED in those cases).
     *
     * @throws IllegalStateException if a call with this id is still in progress
     */
    void originate(OriginateRequest request);

    /** Hangs the call up (all its channels); nothing happens if it is already over. */
    void hangUp(CallId callId);

    /**
     * Moves the answered customer out of wherever it is (a bridge, the waiting music, the IVR) to a
     * dialplan location, e.g. another operator's context. An operator it was bridged to is hung up.
     */
    void redirect(CallId callId, String context, String extension, int priority);

    /**
     * Connects a waiting (or bridged) customer to an operator: predictive mode's hand-over once an
     * operator is free, and transfers between operators.
     *
     * @param operatorEndpoint what the dialplan dials, e.g. {@code PJSIP/101}
     */
    void connectToOperator(CallId callId, String operatorEndpoint);

    /**
     * As {@link #connectToOperator(CallId, String)}, telling the dialplan whether the operator's phone answers by
     * itself (channel variable {@code DOZVON_AUTO_ANSWER}, yes or no; {@code docs/telephony.md}).
     */
    default void connectToOperator(CallId callId, String operatorEndpoint, boolean autoAnswer) {
        connectToOperator(callId, operatorEndpoint);
    }

    /**
     * Puts the answered customer on hold: the dialplan's {@code hold} extension of Dozvon's context plays music on
     * hold; the operator's leg is hung up. {@link #connectToOperator} brings the customer back to an operator.
     */
    default void hold(CallId callId) {
        throw new UnsupportedOperationException("this PBX port cannot hold calls");
    }

    /** Registers a listener for the events of every call; see {@link CallEventListener}. */
    void addListener(CallEventListener listener);

    void removeListener(CallEventListener listener);

    /** Whether the AMI connection is logged in right now. */
    boolean connected();

    /** The calls this port is following (originated and not yet ended). */
    Set<CallId> callsInProgress();

    /**
     * The call ids (Linkedid) of every channel the PBX has now, asked with {@code CoreShowChannels}:
     * what the dialing module compares its open attempts with after a restart.
     *
     * @throws PbxUnavailableException if the PBX is not connected or does not answer within the timeout
     */
    Set<String> liveCallIds(Duration timeout);
}
