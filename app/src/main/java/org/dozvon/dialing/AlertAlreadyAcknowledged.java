package org.dozvon.dialing;

/** An alert acknowledged a second time: the first acknowledgement stands. */
public class AlertAlreadyAcknowledged extends RuntimeException {

    private final transient Alert alert;

    public AlertAlreadyAcknowledged(Alert alert) {
        super("Alert " + alert.id() + " was acknowledged by " + alert.acknowledgedBy() + " at " + alert.acknowledgedAt());
        this.alert = alert;
    }

    /** The alert as acknowledged. */
    public Alert alert() {
        return alert;
    }
}
