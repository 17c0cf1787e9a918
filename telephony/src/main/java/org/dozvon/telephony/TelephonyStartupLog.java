package org.dozvon.telephony;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Says once at start-up which telephony Dozvon uses, so nobody mistakes the simulator for a PBX. */
@Component
class TelephonyStartupLog implements ApplicationListener<ApplicationStartedEvent> {

    private static final Logger log = LoggerFactory.getLogger(TelephonyStartupLog.class);

    private final TelephonyProperties properties;

    TelephonyStartupLog(TelephonyProperties properties) {
        this.properties = properties;
    }

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        if (properties.simulated()) {
            log.warn("Telephony: {}", properties.describe());
        } else {
            log.info("Telephony: {}", properties.describe());
        }
    }
}
