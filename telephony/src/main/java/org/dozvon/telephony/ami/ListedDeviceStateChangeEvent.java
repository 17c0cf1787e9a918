package org.dozvon.telephony.ami;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;

/**
 * {@code Event: DeviceStateChange} as Dozvon reads it: Asterisk-Java's event plus the {@code ActionID} that the events
 * answering {@link DeviceStateListAction} carry (without a setter for it Asterisk-Java warns once per listed device).
 * Registered in place of Asterisk-Java's class; public with a public constructor because Asterisk-Java builds it by
 * reflection.
 */
@AsteriskMapping("DeviceStateChange")
public class ListedDeviceStateChangeEvent extends DeviceStateChangeEvent {

    private static final long serialVersionUID = 1L;

    private String actionId;

    public ListedDeviceStateChangeEvent(Object source) {
        super(source);
    }

    /** The DeviceStateList's ActionID (with Asterisk-Java's internal prefix); null for a change as it happens. */
    public String getActionId() {
        return actionId;
    }

    public void setActionId(String actionId) {
        this.actionId = actionId;
    }
}
