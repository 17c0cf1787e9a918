package org.dozvon.agents;

import org.dozvon.web.LiveUpdates;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells an operator's open workplace that its state changed: a small SSE fragment that makes the page fetch its
 * panel again ({@code /arm/panel}), rendered in the operator's own request and language.
 */
@Component
class ArmNotifier {

    static final String EVENT = "arm";
    private static final String NUDGE = "<div hx-get=\"/arm/panel\" hx-trigger=\"load\" hx-target=\"#arm-panel\""
            + " hx-swap=\"outerHTML\"></div>";

    private final OperatorStore store;
    private final LiveUpdates live;

    ArmNotifier(OperatorStore store, LiveUpdates live) {
        this.store = store;
        this.live = live;
    }

    /** After the surrounding transaction commits (the page must read the new state), or at once outside one. */
    void changed(long operatorId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    publish(operatorId);
                }
            });
        } else {
            publish(operatorId);
        }
    }

    private void publish(long operatorId) {
        store.username(operatorId).ifPresent(username -> live.publishToUser(username, EVENT, NUDGE));
    }

    void changedHolding(long attemptId) {
        store.holding(attemptId).ifPresent(operator -> changed(operator.id()));
    }
}
