package org.dozvon.telephony.pacing.bench;

import java.util.SplittableRandom;

/**
 * One lead's pre-drawn fate (PACING-BENCH.md "Model"). Every attribute is drawn, in this order, whatever the
 * class turns out to be, so the k-th dialled lead is the same under every policy. The class itself is picked at
 * dial time from {@link #classDraw} and the scenario's rates then (the person rate drifts in S3).
 */
record Lead(double classDraw, double setup, double sitAfter, double busyAfter, double personAnswer,
        double machineAnswer, double greeting, boolean amdFalseHangup, double falseHangupAfter,
        double machineRecognisedAfter, boolean machinePasses, double machineTalk, double machineWrap,
        double personTalk, double personWrap) {

    static final double NO_ANSWER_TIMEOUT = 25.0;

    enum Kind { INVALID, BUSY, NO_ANSWER, MACHINE, PERSON }

    static Lead draw(SplittableRandom r) {
        double classDraw = r.nextDouble();
        double setup = Streams.uniform(r, 0.5, 2.5);
        double sit = Streams.uniform(r, 0.5, 2);
        double busy = Streams.uniform(r, 1, 4);
        double personAnswer = setup + Streams.lognormal(r, 9, 5);
        double machineAnswer = Streams.uniform(r, 12, 30);
        double greeting = Streams.uniform(r, 0.5, 1.5);
        boolean falseHangup = r.nextDouble() < 0.03;
        double falseHangupAfter = Streams.uniform(r, 1.5, 3);
        double machineRecognised = Streams.uniform(r, 1.5, 5);
        boolean machinePasses = r.nextDouble() < 0.10;
        double machineTalk = Streams.uniform(r, 3, 10);
        double machineWrap = Streams.uniform(r, 2, 5);
        boolean shortCall = r.nextDouble() < 0.35;
        double shortTalk = Streams.lognormal(r, 25, 15);
        double longTalk = Streams.lognormal(r, 180, 150);
        double wrap = Streams.lognormal(r, 15, 10);
        return new Lead(classDraw, setup, sit, busy, personAnswer, machineAnswer, greeting, falseHangup,
                falseHangupAfter, machineRecognised, machinePasses, machineTalk, machineWrap,
                shortCall ? shortTalk : longTalk, wrap);
    }

    /** Invalid 8 %, busy 4 %, machine 33 %, person {@code personRate}, no answer the rest. */
    Kind kind(double personRate) {
        if (classDraw < 0.08) {
            return Kind.INVALID;
        }
        if (classDraw < 0.12) {
            return Kind.BUSY;
        }
        if (classDraw < 0.45) {
            return Kind.MACHINE;
        }
        return classDraw < 0.45 + personRate ? Kind.PERSON : Kind.NO_ANSWER;
    }
}
