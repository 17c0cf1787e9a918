package org.dozvon.campaigns;

/**
 * The dialer took the request made for a callback and is calling back: published in the transaction that takes
 * it, so the callback is DONE exactly when its call attempt exists.
 *
 * @param callbackId the callback
 * @param attemptId  the call attempt (dial request) calling back
 */
public record CallbackCalled(long callbackId, long attemptId) {
}
