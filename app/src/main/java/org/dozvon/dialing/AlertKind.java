package org.dozvon.dialing;

/** What an {@link Alert} is about; its message in the bundles is {@code alerts.message.<kind>}. */
public enum AlertKind {
    /**
     * A running campaign's calls failed too often in a row (see {@link DialingProperties.AutoStop}): the campaign was
     * paused and may not run again until the alert is acknowledged. Parameters: {@code campaignName},
     * {@code failures} (the failed calls in the run), {@code withinMillis} (first to last), {@code limit} and
     * {@code windowSeconds} (the settings then), {@code details} (the failed calls' details, oldest first).
     */
    AUTO_STOP,
    /**
     * A dialer node lost its PBX (AMI) connection; resolved when it was back, when its calls in progress were
     * reconciled. Parameters: {@code pbx} (which PBX). The alert's node is the dialer's.
     */
    CONNECTOR_DOWN
}
