package org.dozvon.agents;

import org.dozvon.web.LiveUpdates;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells an operator's open workplace that its state changed: a small SSE fragment that makes the page fetch its
 * panel again ({@code /arm/panel}), rendered in the operator's own request and language; and tells the rest of the
 * application ({@link OperatorStateChanged}, e.g. the supervisor's pages).
 */
@Component
class ArmNotifier {

    static final String EVENT = "arm";
    private static final String NUDGE = "<div hx-get=\"/arm/panel\" hx-trigger=\"load\" hx-target=\"#arm-panel\""
            + " hx-swap=\"outerHTML\"></div>";

    private final OperatorStore store;
    private final LiveUpdates live;
    private final ApplicationEventPublisher events;

    ArmNotifier(OperatorStore store, LiveUpdates live, ApplicationEventPublisher events) {
        this.store = store;
        this.live = live;
        this.events = events;
    }

    /** After the surrounding transaction commits (the page must read the new state), or at once outside one. */
    void changed(long operatorId) {
        LiveUpdates.afterCommit(() -> publish(operatorId));
    }

    private void publish(long operatorId) {
        store.username(operatorId).ifPresent(username -> live.publishToUser(username, EVENT, NUDGE));
        events.publishEvent(new OperatorStateChanged(operatorId));
    }

    void changedHolding(long attemptId) {
        store.holding(attemptId).ifPresent(operator -> changed(operator.id()));
    }
}
