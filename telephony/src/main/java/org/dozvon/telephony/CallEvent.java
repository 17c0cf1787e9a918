package org.dozvon.telephony;

import java.time.Instant;

import org.springframework.lang.Nullable;

/**
 * What the PBX port reports about a call it originated. For every accepted {@link PbxPort#originate}
 * there is exactly one {@link CallEnded}, always the last event of that call; the others come in the
 * order of the conversation (ringing, answered, machine detection, bridged), at most once each, except
 * {@link CallBridged}, which comes again when {@link PbxPort#connectToOperator} moves a bridged customer.
 */
public sealed interface CallEvent {

    CallId callId();

    /** When the adapter learnt it (the injected clock). */
    Instant at();

    /** The customer's phone rings. */
    record CallRinging(CallId callId, Instant at) implements CallEvent {
    }

    /** The customer answered. */
    record CallAnswered(CallId callId, Instant at) implements CallEvent {
    }

    /**
     * Answering-machine detection finished.
     *
     * @param cause Asterisk's {@code AMDCAUSE}, e.g. {@code LONGGREETING-1500-1500}
     */
    record MachineDetected(CallId callId, Instant at, AmdStatus status, String cause) implements CallEvent {
    }

    /**
     * The customer was bridged to an operator.
     *
     * @param operatorChannel the operator leg's channel name, e.g. {@code PJSIP/101-0000002a}
     */
    record CallBridged(CallId callId, Instant at, String operatorChannel) implements CallEvent {
    }

    /**
     * The call is over.
     *
     * @param outcome         the category
     * @param originateReason the OriginateResponse {@code Reason} (4 answered, 5 busy, 3 no answer, 8
     *                        congestion, 0 failed); null when none arrived
     * @param hangupCause     the far leg's Q.850 hang-up cause (16 normal, 17 busy, 19 no answer, 21
     *                        rejected, 1 unallocated, 34 congestion), 0 when unknown
     * @param detail          why, in words, for the log and the attempt record
     */
    record CallEnded(CallId callId, Instant at, CallOutcome outcome, @Nullable Integer originateReason,
                     int hangupCause, String detail) implements CallEvent {
    }
}
