package org.dozvon.telephony;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

import org.dozvon.telephony.simulator.AmiSimulator;

/** Says once at start-up which telephony Dozvon uses, so nobody mistakes the simulator for a PBX. */
@Component
class TelephonyStartupLog implements ApplicationListener<ApplicationStartedEvent> {

    private static final Logger log = LoggerFactory.getLogger(TelephonyStartupLog.class);

    private final TelephonyProperties properties;
    private final ObjectProvider<AmiSimulator> simulator;

    TelephonyStartupLog(TelephonyProperties properties, ObjectProvider<AmiSimulator> simulator) {
        this.properties = properties;
        this.simulator = simulator;
    }

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        AmiSimulator running = simulator.getIfAvailable();
        if (properties.simulated() && running != null) {
            log.warn("Telephony: {}; the simulator listens on {}:{} and the AMI adapter talks to it over TCP "
                    + "as to an Asterisk, dial string {}", properties.describe(), running.host(), running.port(),
                    properties.dialString());
        } else {
            log.info("Telephony: {}, dial string {}, context {}", properties.describe(), properties.dialString(),
                    properties.dialplanContext());
        }
    }
}
