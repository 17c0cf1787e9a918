/**
 * Pacing: how many calls a campaign dials now, given what its operators and lines are doing.
 *
 * <p>A live dialer keeps one {@link org.dozvon.telephony.pacing.PacingStatistics} and one
 * {@link org.dozvon.telephony.pacing.Pacer} per campaign, reports every call and operator event to the
 * statistics, and on a timer (every 0.5 s) and whenever an operator becomes free fills a
 * {@link org.dozvon.telephony.pacing.PacingState} and asks the pacer for a
 * {@link org.dozvon.telephony.pacing.PacingDecision}. Everything here is plain, single-threaded,
 * deterministic Java: time is passed in as seconds, never read from a clock.
 */
@org.springframework.lang.NonNullApi
@org.springframework.modulith.NamedInterface("pacing")
package org.dozvon.telephony.pacing;
