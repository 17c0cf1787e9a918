package org.dozvon.campaigns;

/**
 * What a completion code does to the contact: call again, or finish it one way or another (the
 * statuses of the AMT Campaign Manager's agent results: active, success, failure, do not call).
 */
public enum CodeResolution {
    /** Retryable: call again, after the code's delay and at most its number of times when it has them. */
    RETRY,
    /** Final: the contact's goal is reached. */
    SUCCESS,
    /** Final: the contact is given up. */
    FAILURE,
    /** Final: the person asked never to be called again. */
    DO_NOT_CALL;

    /** Whether the contact is finished by this code (everything but {@link #RETRY}). */
    public boolean isFinal() {
        return this != RETRY;
    }

    public String messageKey() {
        return "codes.resolution." + name();
    }
}
