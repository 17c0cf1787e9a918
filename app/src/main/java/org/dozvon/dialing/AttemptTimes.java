package org.dozvon.dialing;

import java.time.Instant;

/**
 * A dial request's own times, and the call's beyond {@link CallRecord}: what a call's detail card puts on its
 * time line.
 *
 * @param createdAt  when the strategy (or the workplace, for a manual call) asked for the call
 * @param dueAt      from when it might be dialled
 * @param takenAt    when a dialer took it (null: still queued, or cancelled undialled)
 * @param settledAt  when its outcome was settled (for a call an operator talked on: the end of the wrap-up)
 * @param priority   its place in the queue (callbacks come first)
 * @param manual     placed from the workplace outside the queue
 * @param waitingAt  when a person was known to wait for an operator (null: no call, or nobody waited)
 * @param operatorId the operator the call was given to, or null
 */
public record AttemptTimes(long attemptId, Instant createdAt, Instant dueAt, Instant takenAt, Instant settledAt,
                           int priority, boolean manual, Instant waitingAt, Long operatorId) {
}
