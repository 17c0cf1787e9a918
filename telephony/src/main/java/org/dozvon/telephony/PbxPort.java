package org.dozvon.telephony;

import java.time.Duration;
import java.util.Map;
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

    /**
     * Lets a supervisor listen to, whisper into or barge into the call's operator leg: the supervisor's phone is
     * originated into Asterisk's {@code ChanSpy} on the channel of the operator the customer is bridged to now
     * ({@code docs/telephony.md}, "Supervisor interventions"). The supervisor's leg is a call of its own for the PBX
     * (its own channel id): none of its events belongs to {@code callId}, its end does not end that call, and it
     * ends by itself when the operator's channel hangs up (a transfer, a hold, the end of the call). Nothing happens
     * (a warning is logged) when the call is not bridged to an operator when the action is sent.
     *
     * @param supervisorEndpoint the supervisor's phone, see {@link Endpoints}
     * @throws IllegalArgumentException when the endpoint is not one ({@link Endpoints#valid})
     */
    default void spy(CallId callId, String supervisorEndpoint, SpyMode mode) {
        throw new UnsupportedOperationException("this PBX port cannot let a supervisor join calls");
    }

    /**
     * A supervisor takes the call over: the customer is connected to the supervisor's phone and the operator's leg is
     * hung up. For the PBX this is exactly a transfer to another operator, so the default is
     * {@link #connectToOperator(CallId, String, boolean)} without auto-answer (a {@code DOZVON_AUTO_ANSWER=yes} left
     * on the channel by the operator's own connection is overwritten); a {@link CallEvent.CallBridged} with the
     * supervisor's channel follows.
     */
    default void takeOver(CallId callId, String supervisorEndpoint) {
        connectToOperator(callId, supervisorEndpoint, false);
    }

    /** Registers a listener for the events of every call; see {@link CallEventListener}. */
    void addListener(CallEventListener listener);

    void removeListener(CallEventListener listener);

    /** Whether the AMI connection is logged in right now. */
    boolean connected();

    /** The calls this port is following (originated and not yet ended). */
    Set<CallId> callsInProgress();

    /**
     * The phones' states as the PBX reported them last, keyed by device as Asterisk names it ({@code PJSIP/101},
     * {@code Local/agent-1@agents}): exactly the endpoint strings Dozvon stores for operators and supervisors (the
     * case as in the PBX's configuration). A device absent from the map is unknown: the PBX has not reported it
     * (Asterisk lists only devices whose state it has cached), the PBX is not connected, or this port cannot tell.
     * The map never holds {@link DeviceState#UNKNOWN}: a device reported so is left out, so that
     * {@link DeviceState#registered()} of a value present tells "registered" from "not registered" and absence alone
     * means "unknown". An immutable snapshot; it does not block.
     */
    default Map<String, DeviceState> deviceStates() {
        return Map.of();
    }

    /**
     * The call ids (Linkedid) of every channel the PBX has now, asked with {@code CoreShowChannels}:
     * what the dialing module compares its open attempts with after a restart.
     *
     * @throws PbxUnavailableException if the PBX is not connected or does not answer within the timeout
     */
    Set<String> liveCallIds(Duration timeout);
}
