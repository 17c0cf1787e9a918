package org.dozvon.telephony.ami;

import org.asteriskjava.manager.event.UserEvent;

/**
 * {@code UserEvent(AMDResult,Status: ${AMDSTATUS},Cause: ${AMDCAUSE})} of the dialplan contract.
 * Public with a public constructor because Asterisk-Java builds it by reflection.
 */
public class AmdResultEvent extends UserEvent {

    private static final long serialVersionUID = 1L;

    private String status;
    private String cause;
    private String linkedid;

    public AmdResultEvent(Object source) {
        super(source);
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getCause() {
        return cause;
    }

    public void setCause(String cause) {
        this.cause = cause;
    }

    public String getLinkedid() {
        return linkedid;
    }

    public void setLinkedid(String linkedid) {
        this.linkedid = linkedid;
    }
}
