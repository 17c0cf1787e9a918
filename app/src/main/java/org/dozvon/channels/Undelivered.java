package org.dozvon.channels;

/**
 * A message that did not get through, before the journal knows its row: {@link ChannelService} records it
 * and throws the public {@link ChannelSendException} instead.
 */
class Undelivered extends RuntimeException {

    private final boolean retryable;
    private final String response;

    Undelivered(String message, boolean retryable, String response, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.response = response;
    }

    boolean retryable() {
        return retryable;
    }

    /** What the peer answered, if it answered. */
    String response() {
        return response;
    }
}
