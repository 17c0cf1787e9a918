package org.dozvon.telephony.ami;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.springframework.lang.Nullable;

import org.dozvon.telephony.AmdStatus;
import org.dozvon.telephony.CallId;
import org.dozvon.telephony.OriginateRequest;

/** What the adapter knows of one call; touched only on the adapter's event thread (after creation). */
final class TrackedCall {

    final CallId id;
    final OriginateRequest request;
    final Instant startedAt;
    /** The adapter's login count when the call was originated. */
    final int connection;
    final String farUniqueid;
    /** Live channels of the call: uniqueid to channel name. */
    final Map<String, String> channels = new HashMap<>();
    /** Bridge of each bridged channel: uniqueid to bridge id. */
    final Map<String, String> bridges = new HashMap<>();
    /** Hang-up cause of each channel that hung up: uniqueid to cause. */
    final Map<String, Integer> causes = new HashMap<>();
    boolean operatorExpected;
    @Nullable String customerChannel;
    @Nullable Integer originateReason;
    boolean ringing;
    boolean answered;
    @Nullable AmdStatus amd;
    @Nullable String bridgedTo;
    boolean everBridged;
    boolean hangUpWanted;
    boolean hungUpByDozvon;
    boolean ended;

    TrackedCall(OriginateRequest request, Instant startedAt, int connection) {
        this.connection = connection;
        this.id = request.callId();
        this.request = request;
        this.startedAt = startedAt;
        this.farUniqueid = id.value() + ";2";
        this.operatorExpected = request.route().operatorExpected();
    }

    boolean isCustomer(String uniqueid) {
        return id.value().equals(uniqueid);
    }

    /** The ;2 half's cause for a Local channel, the channel's own otherwise; 0 when unknown. */
    int farCause() {
        Integer far = causes.get(farUniqueid);
        if (far != null) {
            return far;
        }
        Integer own = causes.get(id.value());
        return own == null ? 0 : own;
    }
}
