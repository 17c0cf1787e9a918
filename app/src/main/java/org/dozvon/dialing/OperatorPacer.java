package org.dozvon.dialing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.dozvon.campaigns.OutcomeCategory;
import org.dozvon.telephony.pacing.CallSnapshot;
import org.dozvon.telephony.pacing.CallStage;
import org.dozvon.telephony.pacing.DialOutcome;
import org.dozvon.telephony.pacing.OperatorSnapshot;
import org.dozvon.telephony.pacing.Pacer;
import org.dozvon.telephony.pacing.PacingState;
import org.dozvon.telephony.pacing.PacingStatistics;

/**
 * A campaign with operators paced by one of the telephony module's pacers (progressive or predictive, the same
 * classes the pacing benchmark measures): it turns the dialer's view into a {@link PacingState} and feeds the
 * campaign's {@link PacingStatistics} with what becomes of its calls. Times are seconds since the pacer's birth.
 */
final class OperatorPacer implements CampaignPacer {

    private static final org.slf4j.Logger TRACE = org.slf4j.LoggerFactory.getLogger(OperatorPacer.class);
    private final Pacer pacer;
    private final double abandonTarget;
    private final PacingStatistics statistics = new PacingStatistics();
    private final Instant origin;

    OperatorPacer(Pacer pacer, double abandonTarget, Instant origin) {
        this.pacer = pacer;
        this.abandonTarget = abandonTarget;
        this.origin = origin;
    }

    private double seconds(Instant at) {
        return Math.max(0, Duration.between(origin, at).toNanos() / 1e9);
    }

    private static double seconds(Duration duration) {
        return duration == null ? Double.NaN : Math.max(0, duration.toNanos() / 1e9);
    }

    @Override
    public synchronized int dials(CampaignLines lines) {
        Instant now = lines.now();
        List<OperatorSnapshot> operators = new ArrayList<>();
        for (OperatorPool.Seat seat : lines.operators()) {
            double inState = seat.since() == null ? 0 : Math.max(0, seconds(Duration.between(seat.since(), now)));
            switch (seat.state()) {
                case READY -> operators.add(OperatorSnapshot.ready(inState));
                case PREVIEW, RINGING, IN_CALL -> operators.add(OperatorSnapshot.talking(inState, seat.leavesAfterCall()));
                case WRAP_UP -> operators.add(OperatorSnapshot.wrapping(inState, inState, seat.leavesAfterCall()));
                default -> { }
            }
        }
        List<CallSnapshot> calls = new ArrayList<>();
        for (CampaignLines.LiveCall call : lines.calls()) {
            double sinceDial = seconds(call.sinceDial(now));
            switch (call.stage()) {
                case DIALING -> calls.add(new CallSnapshot(CallStage.DIALLING, sinceDial, sinceDial));
                case ANSWERED -> calls.add(new CallSnapshot(CallStage.ANSWERED, sinceDial,
                        seconds(Duration.between(call.answeredAt(), now))));
                case WAITING -> calls.add(new CallSnapshot(CallStage.WAITING, sinceDial,
                        seconds(Duration.between(call.waitingAt(), now))));
                default -> { }
            }
        }
        double at = seconds(now);
        PacingState state = new PacingState(at, operators, calls, lines.lineLimit(), abandonTarget,
                statistics.estimates(at));
        org.dozvon.telephony.pacing.PacingDecision decision = pacer.decide(state);
        if (TRACE.isDebugEnabled()) {
            long ready = lines.operators().stream().filter(o -> o.state() == OperatorPool.SeatState.READY).count();
            long waitingCalls = calls.stream().filter(c -> c.stage() == CallStage.WAITING).count();
            TRACE.debug("t={} ready={} ops={} calls={} waiting={} O={} M={} dials={} z={} p={} h={} lines={}",
                    String.format("%.2f", at), ready, operators.size(), calls.size(), waitingCalls,
                    String.format("%.2f", decision.forecastOperators()), String.format("%.2f", decision.forecastCalls()),
                    decision.dials(), pacer instanceof org.dozvon.telephony.pacing.PredictivePacer pp ? String.format("%.2f", pp.margin()) : "-",
                    String.format("%.3f", state.estimates().connectRate()), String.format("%.2f", state.estimates().horizon()),
                    lines.lineLimit());
        }
        return decision.dials();
    }

    @Override
    public synchronized void dialled(Instant at) {
        statistics.dialled(seconds(at));
    }

    @Override
    public synchronized void waiting(Instant at, Duration sinceDial, Duration answeredAfter) {
        statistics.readyForOperator(seconds(at), seconds(sinceDial), seconds(answeredAfter));
    }

    @Override
    public synchronized void ended(Instant at, OutcomeCategory outcome, Duration sinceDial, Duration answeredAfter) {
        DialOutcome dialOutcome = switch (outcome) {
            case BUSY -> DialOutcome.BUSY;
            case MACHINE -> DialOutcome.MACHINE;
            case NO_ANSWER -> DialOutcome.NO_ANSWER;
            default -> DialOutcome.INVALID;
        };
        statistics.ended(seconds(at), dialOutcome, seconds(sinceDial), seconds(answeredAfter));
    }

    @Override
    public synchronized void connected(Instant at, Duration waited) {
        statistics.connected(seconds(at), seconds(waited));
    }

    @Override
    public synchronized void abandoned(Instant at, Duration waited) {
        TRACE.debug("t={} abandoned after {}", String.format("%.2f", seconds(at)), waited);
        statistics.abandoned(seconds(at), seconds(waited));
    }

    @Override
    public synchronized void operatorFreed(Instant at, Duration talk, Duration wrapUp) {
        statistics.operatorFreed(seconds(at), seconds(talk), seconds(wrapUp));
    }

    /** The measured abandon rate since the pacer started (persons left without an operator / persons). */
    synchronized double abandonRate() {
        return statistics.abandonRate();
    }
}
