package org.dozvon.telephony;

/**
 * Receives the port's call events. Calls come one at a time from the adapter's own event thread, in
 * the order the PBX reported them; a listener should hand lengthy work (a database transaction) over
 * rather than hold up the events of every other call.
 */
@FunctionalInterface
public interface CallEventListener {

    void onCallEvent(CallEvent event);
}
