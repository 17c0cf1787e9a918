package org.dozvon.telephony.ami;

import org.springframework.lang.Nullable;

import org.dozvon.telephony.AmdStatus;
import org.dozvon.telephony.CallOutcome;

/**
 * The outcome of a call from what the PBX said: the OriginateResponse {@code Reason} first, the far
 * leg's hang-up cause where the reason does not tell. The far leg is the {@code ;2} half of a Local
 * channel, or the channel itself for PJSIP/SIP: the {@code ;1} half of a busy or congested Local call
 * hangs up with cause 0. The table and the transcripts behind it are in {@code docs/telephony.md}.
 */
final class OutcomeRules {

    /** An outcome and the words that explain it. */
    record Verdict(CallOutcome outcome, String detail) {
    }

    private OutcomeRules() {
    }

    static Verdict classify(@Nullable Integer reason, boolean answered, int farCause, @Nullable AmdStatus amd,
                            boolean everBridged, boolean operatorExpected, boolean hungUpByDozvon) {
        if (amd == AmdStatus.MACHINE) {
            return new Verdict(CallOutcome.MACHINE, "answering machine detected");
        }
        if (answered || reason != null && reason == 4) {
            if (operatorExpected && !everBridged) {
                return new Verdict(CallOutcome.ABANDONED, hungUpByDozvon
                        ? "answered, hung up by Dozvon before an operator was connected"
                        : "answered, ended before an operator was connected");
            }
            return new Verdict(CallOutcome.ANSWERED, "answered, cause " + farCause);
        }
        if (hungUpByDozvon) {
            return new Verdict(CallOutcome.NO_ANSWER, "hung up by Dozvon before anybody answered");
        }
        if (reason != null) {
            switch (reason) {
                case 5:
                    return new Verdict(CallOutcome.BUSY, "busy (reason 5)");
                case 3:
                    return new Verdict(CallOutcome.NO_ANSWER, "no answer within the ring timeout (reason 3)");
                case 8:
                    return new Verdict(CallOutcome.FAILED, "congestion (reason 8)");
                default:
                    break;
            }
        }
        return byCause(reason, farCause);
    }

    private static Verdict byCause(@Nullable Integer reason, int cause) {
        String why = "reason " + (reason == null ? "none" : reason) + ", cause " + cause;
        return switch (cause) {
            case 17 -> new Verdict(CallOutcome.BUSY, "busy (" + why + ")");
            case 16, 18, 19, 31 -> new Verdict(CallOutcome.NO_ANSWER, "not answered (" + why + ")");
            case 21 -> new Verdict(CallOutcome.REJECTED, "rejected (" + why + ")");
            case 1, 2, 3, 22, 28 -> new Verdict(CallOutcome.FAILED, "number not in service (" + why + ")");
            case 34, 38, 41, 42, 44, 47 -> new Verdict(CallOutcome.FAILED, "network congestion or failure (" + why + ")");
            case 0 -> new Verdict(CallOutcome.FAILED, "the PBX could not place the call (" + why + ")");
            default -> new Verdict(CallOutcome.FAILED, "failed (" + why + ")");
        };
    }
}
