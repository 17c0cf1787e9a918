package org.dozvon.dialing;

import org.dozvon.access.Permission;
import org.dozvon.web.AttentionSource;

import org.springframework.stereotype.Component;

/** Every page tells those who may see campaigns how many alerts wait for an acknowledgement. */
@Component
class AlertAttention implements AttentionSource {

    private final AlertStore store;

    AlertAttention(AlertStore store) {
        this.store = store;
    }

    @Override
    public Permission audience() {
        return Permission.CAMPAIGNS_VIEW;
    }

    @Override
    public long count() {
        return store.openCount();
    }

    @Override
    public String path() {
        return AlertsController.PATH + "?open=true";
    }

    @Override
    public String messageKey() {
        return "alerts.attention";
    }
}
