package org.dozvon.dialing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.dozvon.telephony.PbxPort;
import org.dozvon.telephony.TelephonyProperties;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Watches this instance's PBX connection every two seconds: when it drops, a CONNECTOR_DOWN alert; when it is back,
 * the alert is resolved (the AMI adapter reconciles the calls in progress with the PBX after that login, and the
 * dialer settles those that ended meanwhile). A connection that never came up after start-up counts as down after
 * {@link #STARTUP_GRACE}. Only an instance that dials watches (dozvon.dialing.enabled).
 */
@Component
class ConnectorWatch {

    static final Duration STARTUP_GRACE = Duration.ofSeconds(30);

    private final PbxPort port;
    private final Alerts alerts;
    private final Dialer dialer;
    private final DialingProperties properties;
    private final TelephonyProperties telephony;
    private final Clock clock;
    private final Instant started;
    /** What the last check saw: null before the connection was first seen. */
    private Boolean up;

    ConnectorWatch(PbxPort port, Alerts alerts, Dialer dialer, DialingProperties properties, TelephonyProperties telephony,
                   Clock clock) {
        this.port = port;
        this.alerts = alerts;
        this.dialer = dialer;
        this.properties = properties;
        this.telephony = telephony;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Scheduled(initialDelay = 2_000, fixedDelay = 2_000)
    synchronized void check() {
        if (!properties.enabled()) {
            return;
        }
        boolean now = port.connected();
        if (now) {
            if (!Boolean.TRUE.equals(up)) {
                // back, or up for the first time in this life (an outage of an earlier life ends too)
                alerts.connectorRestored(dialer.node());
            }
            up = true;
        } else if (Boolean.TRUE.equals(up) || !clock.instant().isBefore(started.plus(STARTUP_GRACE))) {
            if (!Boolean.FALSE.equals(up)) {
                alerts.connectorDown(dialer.node(), telephony.describe());
            }
            up = false;
        }
    }
}
