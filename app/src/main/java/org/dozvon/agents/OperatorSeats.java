package org.dozvon.agents;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.dozvon.dialing.OperatorPool;

import org.springframework.stereotype.Component;

/** The operators as the dialer sees them: the {@code operator} table through conditional updates. */
@Component
class OperatorSeats implements OperatorPool {

    private static final List<OperatorState> CONNECTING = List.of(OperatorState.PREVIEW, OperatorState.RINGING);

    private final OperatorStore store;
    private final ArmNotifier arm;
    private final Clock clock;

    OperatorSeats(OperatorStore store, ArmNotifier arm, Clock clock) {
        this.store = store;
        this.arm = arm;
        this.clock = clock;
    }

    @Override
    public List<Seat> working() {
        return store.working().stream().map(OperatorSeats::seat).toList();
    }

    static Seat seat(OperatorView o) {
        return new Seat(o.id(), o.name(), o.endpoint(), SeatState.valueOf(o.state().name()), o.stateSince(),
                o.stateUntil(), o.campaignId(), o.attemptId(), o.skills(), o.wrapUpSeconds(), o.afterCall() != null,
                o.campaigns(), o.pinnedCampaignId());
    }

    @Override
    public boolean assign(long operatorId, Long campaignId) {
        boolean assigned = store.assign(operatorId, campaignId);
        if (assigned) {
            arm.changed(operatorId);
        }
        return assigned;
    }

    @Override
    public boolean reserve(long operatorId, long campaignId, long attemptId, SeatState state, Instant until) {
        if (state != SeatState.PREVIEW && state != SeatState.RINGING) {
            throw new IllegalArgumentException("a call is reserved in PREVIEW or RINGING, not " + state);
        }
        boolean reserved = store.reserve(operatorId, campaignId, attemptId, OperatorState.valueOf(state.name()),
                clock.instant(), until);
        if (reserved) {
            arm.changed(operatorId);
        }
        return reserved;
    }

    @Override
    public void placing(long attemptId) {
        store.move(attemptId, List.of(OperatorState.PREVIEW), OperatorState.RINGING, clock.instant(), null);
        arm.changedHolding(attemptId);
    }

    @Override
    public void bridged(long attemptId) {
        if (store.move(attemptId, CONNECTING, OperatorState.IN_CALL, clock.instant(), null)) {
            arm.changedHolding(attemptId);
        }
    }

    @Override
    public java.util.Optional<Seat> holder(long attemptId) {
        return store.holding(attemptId).map(OperatorSeats::seat);
    }

    @Override
    public boolean handOver(long attemptId, Instant wrapUpUntil) {
        java.util.Optional<Long> operator = store.handOver(attemptId, clock.instant(), wrapUpUntil);
        operator.ifPresent(arm::changed);
        return operator.isPresent();
    }

    @Override
    public java.util.Optional<Seat> free(long operatorId) {
        return store.find(operatorId)
                .filter(o -> o.attemptId() == null && (o.state() == OperatorState.READY || o.state() == OperatorState.NOT_READY))
                .map(o -> new Seat(o.id(), o.name(), o.endpoint(), SeatState.READY, o.stateSince(), null, o.campaignId(),
                        null, o.skills(), o.wrapUpSeconds(), false, o.campaigns(), o.pinnedCampaignId()));
    }

    @Override
    public boolean reserveOutsideQueue(long operatorId, long campaignId, long attemptId) {
        boolean reserved = store.reserveOutsideQueue(operatorId, campaignId, attemptId, clock.instant());
        if (reserved) {
            arm.changed(operatorId);
        }
        return reserved;
    }

    @Override
    public java.util.Optional<Long> operatorOfUser(String userName) {
        return store.operatorOfUserName(userName);
    }

    @Override
    public boolean autoAnswer(long operatorId) {
        return store.find(operatorId).map(OperatorView::autoAnswer).orElse(false);
    }

    @Override
    public void released(long attemptId, boolean talked, Instant wrapUpUntil) {
        Instant now = clock.instant();
        if (talked) {
            if (store.move(attemptId, List.of(OperatorState.IN_CALL, OperatorState.RINGING), OperatorState.WRAP_UP, now,
                    wrapUpUntil)) {
                arm.changedHolding(attemptId);
                return;
            }
        }
        store.letGo(attemptId, List.of(OperatorState.PREVIEW, OperatorState.RINGING, OperatorState.IN_CALL), now)
                .ifPresent(arm::changed);
    }
}
