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
    CONNECTOR_DOWN,
    /**
     * An operator's phone rang for a customer's call for at least {@link DialingProperties#unansweredRing()} and was
     * not answered (the call ended without reaching the operator). Resolved when that operator next talks to a
     * customer. Parameters: {@code operatorId}, {@code operatorName}, {@code campaignName}, {@code ringSeconds},
     * {@code attemptId}. Its subject is the operator's id.
     */
    OPERATOR_NOT_ANSWERING,
    /**
     * An import run failed (it could not start, or stopped on an error). Parameters: {@code importId},
     * {@code listName}, {@code file}, {@code message}. Its subject is the run's id.
     */
    IMPORT_FAILED
}
