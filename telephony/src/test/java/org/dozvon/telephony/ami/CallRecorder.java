package org.dozvon.telephony.ami;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.dozvon.telephony.CallEvent;
import org.dozvon.telephony.CallEventListener;
import org.dozvon.telephony.CallId;

/** Keeps the port's events; waits (with a timeout) for the ones a test expects. */
final class CallRecorder implements CallEventListener {

    private final BlockingQueue<CallEvent> events = new LinkedBlockingQueue<>();
    private final List<CallEvent> seen = new ArrayList<>();

    @Override
    public void onCallEvent(CallEvent event) {
        events.add(event);
    }

    /** Waits for the first event of the call of the given type; fails when none comes in time. */
    synchronized <T extends CallEvent> T await(CallId callId, Class<T> type, Duration timeout) {
        for (CallEvent event : seen) {
            if (event.callId().equals(callId) && type.isInstance(event)) {
                return type.cast(event);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                CallEvent event = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
                if (event == null) {
                    throw new AssertionError("No " + type.getSimpleName() + " for " + callId + " within " + timeout
                            + "; seen: " + seen);
                }
                seen.add(event);
                if (event.callId().equals(callId) && type.isInstance(event)) {
                    return type.cast(event);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every event of the call seen so far (call after awaiting its end). */
    synchronized List<CallEvent> of(CallId callId) {
        events.drainTo(seen);
        return seen.stream().filter(event -> event.callId().equals(callId)).toList();
    }
}
