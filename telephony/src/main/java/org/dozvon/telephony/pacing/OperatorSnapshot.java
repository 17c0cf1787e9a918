package org.dozvon.telephony.pacing;

/**
 * One logged-in operator who is not paused.
 *
 * @param activity          ready, talking or wrapping up
 * @param secondsInActivity how long the operator has been in that activity
 * @param secondsBusy       for TALK and WRAP, how long since the current call was connected (talk + wrap so far);
 *                          0 when READY
 * @param leavesAfterCall   the operator asked for a pause or logged out and will not be ready again after this call
 */
public record OperatorSnapshot(OperatorActivity activity, double secondsInActivity, double secondsBusy,
        boolean leavesAfterCall) {

    public OperatorSnapshot {
        if (secondsInActivity < 0 || secondsBusy < 0) {
            throw new IllegalArgumentException("negative time: " + secondsInActivity + ", " + secondsBusy);
        }
    }

    public static OperatorSnapshot ready(double secondsReady) {
        return new OperatorSnapshot(OperatorActivity.READY, secondsReady, 0, false);
    }

    public static OperatorSnapshot talking(double secondsTalking, boolean leavesAfterCall) {
        return new OperatorSnapshot(OperatorActivity.TALK, secondsTalking, secondsTalking, leavesAfterCall);
    }

    public static OperatorSnapshot wrapping(double secondsWrapping, double secondsBusy, boolean leavesAfterCall) {
        return new OperatorSnapshot(OperatorActivity.WRAP, secondsWrapping, secondsBusy, leavesAfterCall);
    }
}
