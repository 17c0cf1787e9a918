package org.dozvon.campaigns;

/** Where a callback stands. PENDING and DUE are open; the others are final. */
public enum CallbackStatus {
    /** Its window has not opened yet. */
    PENDING,
    /** Its window is open: call now. */
    DUE,
    /** Called back. */
    DONE,
    /** Called off by a person. */
    CANCELLED,
    /** Its window closed before anyone called back. */
    EXPIRED;

    public boolean isOpen() {
        return this == PENDING || this == DUE;
    }

    public String messageKey() {
        return "callbacks.status." + name();
    }
}
