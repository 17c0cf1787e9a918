package org.dozvon.telephony;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the dialplan takes a call once the customer answered (and answering-machine detection, when
 * enabled, said it is not a machine). The adapter passes it as the channel variable
 * {@code DOZVON_ROUTE} and its parameters; {@code docs/telephony.md} describes the contract.
 */
public sealed interface CallRoute {

    /** The value of {@code DOZVON_ROUTE}, the extension of the outbound context the call goes to. */
    String extension();

    /** Whether an answered call that never reaches an operator counts as abandoned. */
    boolean operatorExpected();

    /**
     * Preview and progressive: bridge to the operator reserved for this call.
     *
     * @param operatorEndpoint what the dialplan dials to ring the operator's phone, e.g. {@code PJSIP/101}
     */
    record ToOperator(String operatorEndpoint) implements CallRoute {
        public ToOperator {
            Objects.requireNonNull(operatorEndpoint, "operatorEndpoint");
        }

        @Override
        public String extension() {
            return "operator";
        }

        @Override
        public boolean operatorExpected() {
            return true;
        }
    }

    /**
     * Predictive: the call waits for Dozvon to pick a free operator ({@link PbxPort#connectToOperator});
     * when none is picked within {@code maxWait}, the dialplan plays the greeting and hangs up.
     */
    record WaitForOperator(Duration maxWait) implements CallRoute {
        public WaitForOperator {
            Objects.requireNonNull(maxWait, "maxWait");
        }

        @Override
        public String extension() {
            return "wait";
        }

        @Override
        public boolean operatorExpected() {
            return true;
        }
    }

    /** Agentless: the call goes to the IVR, which reads the contact id from {@code DOZVON_CONTACT_ID}. */
    record ToIvr() implements CallRoute {
        @Override
        public String extension() {
            return "ivr";
        }

        @Override
        public boolean operatorExpected() {
            return false;
        }
    }
}
