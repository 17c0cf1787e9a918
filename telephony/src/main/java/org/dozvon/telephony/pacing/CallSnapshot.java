package org.dozvon.telephony.pacing;

/**
 * One call of the campaign that has not reached an operator and has not ended.
 *
 * @param stage            dialling, answered (greeting and detection) or waiting for an operator
 * @param secondsSinceDial how long ago it was dialled
 * @param secondsInStage   how long it has been in its stage (for WAITING: how long it has waited)
 */
public record CallSnapshot(CallStage stage, double secondsSinceDial, double secondsInStage) {

    public CallSnapshot {
        if (secondsSinceDial < 0 || secondsInStage < 0) {
            throw new IllegalArgumentException("negative time: " + secondsSinceDial + ", " + secondsInStage);
        }
    }
}
