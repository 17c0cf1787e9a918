package org.dozvon.dialing;

import java.time.Duration;

/**
 * What one operator did in a period: the calls it talked on and how long, and its wrap-ups.
 *
 * @param operatorId      the operator (agents' id)
 * @param operatorName    its name as recorded with its last call of the period
 * @param calls           calls that ended in the period after the operator was connected to the person
 * @param talk            the time connected to persons, summed over those calls
 * @param averageWrapUp   from a call's end to the end of its wrap-up, on average over the calls wrapped up; null when
 *                        none was
 */
public record OperatorCalls(long operatorId, String operatorName, long calls, Duration talk, Duration averageWrapUp) {
}
