package org.dozvon.telephony.ami;

import org.asteriskjava.manager.action.AbstractManagerAction;

/**
 * {@code Action: DeviceStateList} (Asterisk 13+, module {@code res_manager_devicestate}), which Asterisk-Java has no
 * class for: Asterisk answers {@code Device State Changes will follow}, one {@code DeviceStateChange} event per
 * device it has a state for, then {@link DeviceStateListCompleteEvent}. The events reach the adapter's ordinary event
 * listener like any other.
 */
final class DeviceStateListAction extends AbstractManagerAction {

    private static final long serialVersionUID = 1L;

    @Override
    public String getAction() {
        return "DeviceStateList";
    }
}
