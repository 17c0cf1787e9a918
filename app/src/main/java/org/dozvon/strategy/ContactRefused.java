package org.dozvon.strategy;

/** A change to a contact's processing that its state does not allow now ({@link ContactControl}). */
public class ContactRefused extends RuntimeException {

    public enum Reason {
        /** The campaign has not taken the contact (yet). */
        NOT_TAKEN,
        /** The contact's processing in the campaign has ended. */
        FINISHED,
        /** A call to the contact is in progress: its outcome comes first. */
        IN_CALL,
        /** The strategy is in the middle of a step of its own (a message being sent): try again shortly. */
        BUSY,
        /** The campaign's strategy has no step that settles an outcome ({@code ${settleOutcome}}). */
        UNSUPPORTED,
        /** Something else changed the contact's process at the same moment: try again. */
        CHANGED_MEANWHILE
    }

    private final Reason reason;
    private final long campaignId;

    public ContactRefused(Reason reason, long campaignId, String message) {
        super(message);
        this.reason = reason;
        this.campaignId = campaignId;
    }

    public Reason reason() {
        return reason;
    }

    public long campaignId() {
        return campaignId;
    }

    /** The message key of the reason (both bundles: {@code contactControl.refused.<REASON>}, argument the campaign). */
    public String messageKey() {
        return "contactControl.refused." + reason.name();
    }
}
