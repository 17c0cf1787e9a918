package org.dozvon.telephony;

import org.springframework.lang.Nullable;

/**
 * The state of a phone as Asterisk's device state tells it ({@code DeviceStateChange} events, {@code State} header;
 * the names are Asterisk's). For a PJSIP endpoint Asterisk says UNAVAILABLE while no contact of it is registered,
 * NOT_INUSE when one is and no call uses it, and the other in-use states while calls do.
 */
public enum DeviceState {
    /** Registered and idle. */
    NOT_INUSE,
    /** Registered, with a call. */
    INUSE,
    /** Registered, and it cannot take another call. */
    BUSY,
    /** Registered and ringing. */
    RINGING,
    /** Registered, with a call, and ringing with another. */
    RINGINUSE,
    /** Registered, with a call on hold. */
    ONHOLD,
    /** Not reachable: for a PJSIP endpoint, no registered contact. */
    UNAVAILABLE,
    /** The PBX does not know such a device. */
    INVALID,
    /** The PBX cannot tell. */
    UNKNOWN;

    /** Whether the phone is registered (reachable): every state but UNAVAILABLE, INVALID and UNKNOWN. */
    public boolean registered() {
        return this != UNAVAILABLE && this != INVALID && this != UNKNOWN;
    }

    /** Asterisk's word for a state, case-insensitively; anything else is UNKNOWN. */
    public static DeviceState parse(@Nullable String text) {
        if (text != null) {
            for (DeviceState state : values()) {
                if (state.name().equalsIgnoreCase(text.trim())) {
                    return state;
                }
            }
        }
        return UNKNOWN;
    }
}
