package org.dozvon.channels;

/**
 * A message could not be sent; the journal already records the attempt as FAILED with this message,
 * in a transaction of its own, so the record survives the caller's rollback. Thrown from a Camunda job,
 * it makes the job retry and finally raise an incident that shows this message in Cockpit.
 */
public class ChannelSendException extends RuntimeException {

    private final Channel channel;
    private final Long messageId;
    private final boolean retryable;

    public ChannelSendException(Channel channel, Long messageId, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.channel = channel;
        this.messageId = messageId;
        this.retryable = retryable;
    }

    public Channel channel() {
        return channel;
    }

    /** The journal row of the failed attempt. */
    public Long messageId() {
        return messageId;
    }

    /**
     * Whether trying again may help: true for an unreachable, slow or failing peer (connection refused, timeout,
     * HTTP 5xx, 408, 429); false for mistakes that only a person can fix (unknown template, template of another
     * channel, bad recipient, channel not configured, refused credentials, HTTP 4xx). A caller may skip the
     * remaining retries for the latter.
     */
    public boolean retryable() {
        return retryable;
    }
}
