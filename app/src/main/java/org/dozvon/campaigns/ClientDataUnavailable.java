package org.dozvon.campaigns;

/**
 * The client-data service gave no usable answer: not configured, not reachable, too slow, an error status, an
 * answer that is not a JSON object. The message key and its arguments make the sentence the operator reads.
 */
public class ClientDataUnavailable extends RuntimeException {

    private final String messageKey;
    private final transient Object[] arguments;

    public ClientDataUnavailable(String messageKey, Object... arguments) {
        super(messageKey);
        this.messageKey = messageKey;
        this.arguments = arguments;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
