package org.dozvon.telephony;

/** The PBX could not be asked: not connected, or no answer in time. */
public class PbxUnavailableException extends RuntimeException {

    public PbxUnavailableException(String message) {
        super(message);
    }

    public PbxUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
