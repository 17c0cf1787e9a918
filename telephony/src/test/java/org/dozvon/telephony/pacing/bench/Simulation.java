package org.dozvon.telephony.pacing.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

import org.dozvon.telephony.pacing.CallSnapshot;
import org.dozvon.telephony.pacing.CallStage;
import org.dozvon.telephony.pacing.DialOutcome;
import org.dozvon.telephony.pacing.OperatorSnapshot;
import org.dozvon.telephony.pacing.PacingStatistics;

/**
 * One seed-day of one scenario under one policy: a discrete-event simulation in seconds, events ordered by
 * (time, insertion sequence). No PBX, no database, no clock. See PACING-BENCH.md for the model; choices
 * the document leaves open are noted where they are made.
 */
final class Simulation {

    static final double LINES_PER_AGENT = 4;
    static final double PAUSE_SECONDS = 15 * 60;

    enum OpState { READY, TALK, WRAP, PAUSED, OUT }

    private enum Type { ANSWER, END, READY, DEADLINE, TALK_END, WRAP_END, TICK, WAKE, PAUSE, PAUSE_END, LOGOUT, LOGIN }

    private record Event(double time, long seq, Type type, Call call, int operator) implements Comparable<Event> {
        @Override
        public int compareTo(Event other) {
            int c = Double.compare(time, other.time);
            return c != 0 ? c : Long.compare(seq, other.seq);
        }
    }

    /** A dialled lead. */
    static final class Call {
        final Lead lead;
        final Lead.Kind kind;
        final double dialTime;
        double answerTime = Double.NaN;
        double readyTime = Double.NaN;
        double deadline = Double.NaN;
        CallStage stage = CallStage.DIALLING;
        boolean done;
        int inFlightIndex = -1;

        Call(Lead lead, Lead.Kind kind, double dialTime) {
            this.lead = lead;
            this.kind = kind;
            this.dialTime = dialTime;
        }

        boolean person() {
            return kind == Lead.Kind.PERSON;
        }

        double talk() {
            return person() ? lead.personTalk() : lead.machineTalk();
        }

        double wrap() {
            return person() ? lead.personWrap() : lead.machineWrap();
        }
    }

    final Scenario scenario;
    final long seed;
    final double end;
    private final Policy policy;
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private long seq;
    double now;

    // operators
    final int n;
    final OpState[] state;
    final double[] since;        // when the current state began
    final double[] busyStart;    // when the current call was connected
    final double[] talkEnd;
    final double[] wrapEnd;
    final boolean[] leaving;     // pause or logout requested, effective after the call
    final boolean[] logoutPending;
    final Call[] onCall;
    private final double[] availableSince;
    private final double[] pauseUntil;

    // calls
    private final ArrayList<Lead> leads = new ArrayList<>();
    private int nextLead;
    final ArrayList<Call> inFlight = new ArrayList<>();
    final ArrayDeque<Call> queue = new ArrayDeque<>();
    int waiting;
    int talking;
    final PacingStatistics statistics = new PacingStatistics();
    final int lineLimit;

    // metrics
    double busyTime;
    double machineBusyTime;
    double availableTime;
    long dials;
    long personsAnswered;
    long falseHangups;
    long personDrops;
    long lateConnects;
    long contacts;
    long queued;
    long queuedDrops;
    int peakLines;
    final int[] minutePersons;
    final int[] minuteDrops;
    final DoubleList idleWaits = new DoubleList();
    final DoubleList holds = new DoubleList();
    private double pendingWake = Double.POSITIVE_INFINITY;

    Simulation(Scenario scenario, long seed, double hours, Policy policy) {
        this.scenario = scenario;
        this.seed = seed;
        this.end = hours * 3600;
        this.policy = policy;
        this.n = scenario.agents();
        this.lineLimit = (int) (LINES_PER_AGENT * n);
        state = new OpState[n];
        since = new double[n];
        busyStart = new double[n];
        talkEnd = new double[n];
        wrapEnd = new double[n];
        leaving = new boolean[n];
        logoutPending = new boolean[n];
        onCall = new Call[n];
        availableSince = new double[n];
        pauseUntil = new double[n];
        lastCallMachine = new boolean[n];
        Arrays.fill(state, OpState.READY);
        int minutes = (int) Math.ceil(end / 60) + 1;
        minutePersons = new int[minutes];
        minuteDrops = new int[minutes];
    }

    RunResult run() {
        if (scenario.shocks()) {
            for (int op = 0; op < n; op++) {
                SplittableRandom r = Streams.of(seed, "operator", op);
                for (int k = 0; k < 2; k++) {
                    push(Streams.uniform(r, 0, end - PAUSE_SECONDS), Type.PAUSE, null, op);
                }
            }
            for (int op = 35; op < n; op++) {
                push(3 * 3600, Type.LOGOUT, null, op);
                push(4 * 3600, Type.LOGIN, null, op);
            }
        }
        policy.start(this);
        if (policy.tick() > 0) {
            push(0, Type.TICK, null, -1);
        }
        decide();
        while (!events.isEmpty() && events.peek().time() < end) {
            Event e = events.poll();
            now = e.time();
            handle(e);
            if (policy.onEveryEvent() && e.type() != Type.TICK && e.type() != Type.WAKE) {
                decide();
            }
        }
        now = end;
        for (int op = 0; op < n; op++) {
            if (state[op] == OpState.TALK || state[op] == OpState.WRAP) {
                addBusy(op, end - busyStart[op]);
            }
            if (state[op] != OpState.PAUSED && state[op] != OpState.OUT) {
                availableTime += end - availableSince[op];
            }
        }
        return RunResult.of(this, policy.name());
    }

    private void handle(Event e) {
        Call call = e.call();
        int op = e.operator();
        switch (e.type()) {
            case TICK -> {
                decide();
                push(now + policy.tick(), Type.TICK, null, -1);
            }
            case WAKE -> {
                if (now >= pendingWake) {
                    pendingWake = Double.POSITIVE_INFINITY;
                }
                decide();
            }
            case ANSWER -> answer(call);
            case READY -> ready(call);
            case END -> endCall(call);
            case DEADLINE -> deadline(call);
            case TALK_END -> {
                state[op] = OpState.WRAP;
                since[op] = now;
                talking--;
                onCall[op] = null;
                push(wrapEnd[op], Type.WRAP_END, null, op);
            }
            case WRAP_END -> wrapEnd(op);
            case PAUSE -> {
                if (state[op] == OpState.READY) {
                    startPause(op);
                } else if (state[op] == OpState.TALK || state[op] == OpState.WRAP) {
                    leaving[op] = true;
                } else if (state[op] == OpState.PAUSED) {
                    // Back to back: the second pause follows the first.
                    pauseUntil[op] += PAUSE_SECONDS;
                }
            }
            case PAUSE_END -> {
                if (state[op] == OpState.PAUSED && now >= pauseUntil[op] - 1e-9) {
                    becomeAvailable(op);
                    becomeReady(op);
                } else if (state[op] == OpState.PAUSED) {
                    push(pauseUntil[op], Type.PAUSE_END, null, op);
                }
            }
            case LOGOUT -> {
                if (state[op] == OpState.READY) {
                    leave(op, OpState.OUT);
                } else if (state[op] == OpState.PAUSED) {
                    state[op] = OpState.OUT;
                } else {
                    leaving[op] = true;
                    logoutPending[op] = true;
                }
            }
            case LOGIN -> {
                if (state[op] == OpState.OUT) {
                    becomeAvailable(op);
                    becomeReady(op);
                } else {
                    logoutPending[op] = false;
                    leaving[op] = false;
                }
            }
        }
    }

    private void decide() {
        int wanted = policy.decide(this);
        int free = lineLimit - lines();
        int count = Math.min(wanted, free);
        for (int i = 0; i < count; i++) {
            dial();
        }
    }

    int lines() {
        return inFlight.size() + waiting + talking;
    }

    /** The k-th lead from the next one to dial (k = 0 is the next), without dialling it. */
    Lead peekLead(int k) {
        while (leads.size() <= nextLead + k) {
            leads.add(Lead.draw(Streams.lead(seed, leads.size())));
        }
        return leads.get(nextLead + k);
    }

    double personRateNow() {
        return scenario.personRate(now);
    }

    private void dial() {
        Lead lead = peekLead(0);
        leads.set(nextLead, null);
        nextLead++;
        dials++;
        Call call = new Call(lead, lead.kind(personRateNow()), now);
        call.inFlightIndex = inFlight.size();
        inFlight.add(call);
        peakLines = Math.max(peakLines, lines());
        statistics.dialled(now);
        double t = now;
        switch (call.kind) {
            case INVALID -> push(t + lead.setup() + lead.sitAfter(), Type.END, call, -1);
            case BUSY -> push(t + lead.setup() + lead.busyAfter(), Type.END, call, -1);
            case NO_ANSWER -> push(t + Lead.NO_ANSWER_TIMEOUT, Type.END, call, -1);
            case PERSON -> push(lead.personAnswer() < Lead.NO_ANSWER_TIMEOUT ? t + lead.personAnswer()
                    : t + Lead.NO_ANSWER_TIMEOUT, lead.personAnswer() < Lead.NO_ANSWER_TIMEOUT ? Type.ANSWER : Type.END,
                    call, -1);
            // Read literally, "machine after U(12, 30)" counts from the dial (not after setup).
            case MACHINE -> push(lead.machineAnswer() < Lead.NO_ANSWER_TIMEOUT ? t + lead.machineAnswer()
                    : t + Lead.NO_ANSWER_TIMEOUT, lead.machineAnswer() < Lead.NO_ANSWER_TIMEOUT ? Type.ANSWER : Type.END,
                    call, -1);
        }
    }

    /** Which of a call's ends it will have, as a clairvoyant sees it: seconds from dial to needing an operator, or NaN. */
    static double delayToOperator(Lead lead, Lead.Kind kind, boolean amd) {
        switch (kind) {
            case PERSON -> {
                if (lead.personAnswer() >= Lead.NO_ANSWER_TIMEOUT || (amd && lead.amdFalseHangup())) {
                    return Double.NaN;
                }
                return amd ? lead.personAnswer() + lead.greeting() + 0.8 : lead.personAnswer();
            }
            case MACHINE -> {
                if (lead.machineAnswer() >= Lead.NO_ANSWER_TIMEOUT || (amd && !lead.machinePasses())) {
                    return Double.NaN;
                }
                return amd ? lead.machineAnswer() + lead.machineRecognisedAfter() : lead.machineAnswer();
            }
            default -> {
                return Double.NaN;
            }
        }
    }

    private void answer(Call call) {
        call.answerTime = now;
        call.stage = CallStage.ANSWERED;
        Lead lead = call.lead;
        boolean amd = scenario.amd();
        if (call.person()) {
            personsAnswered++;
            if (amd && lead.amdFalseHangup()) {
                falseHangups++;
                push(now + lead.falseHangupAfter(), Type.END, call, -1);
            } else {
                // Abandon clock (FTC): answer + greeting + 2 s.
                call.deadline = now + lead.greeting() + 2.0;
                push(amd ? now + lead.greeting() + 0.8 : now, Type.READY, call, -1);
                addMinute(minutePersons, now);
            }
        } else if (!amd) {
            call.deadline = now + lead.greeting() + 2.0;
            push(now, Type.READY, call, -1);
        } else if (lead.machinePasses()) {
            // A machine taken for a person gets the same 1.2 s after recognition as a person does.
            double recognised = now + lead.machineRecognisedAfter();
            call.deadline = recognised + 1.2;
            push(recognised, Type.READY, call, -1);
        } else {
            push(now + lead.machineRecognisedAfter(), Type.END, call, -1);
        }
    }

    private void removeInFlight(Call call) {
        int i = call.inFlightIndex;
        Call last = inFlight.remove(inFlight.size() - 1);
        if (last != call) {
            inFlight.set(i, last);
            last.inFlightIndex = i;
        }
        call.inFlightIndex = -1;
    }

    private void endCall(Call call) {
        removeInFlight(call);
        call.done = true;
        double age = now - call.dialTime;
        double answeredAfter = Double.isNaN(call.answerTime) ? Double.NaN : call.answerTime - call.dialTime;
        DialOutcome outcome = switch (call.kind) {
            case INVALID -> DialOutcome.INVALID;
            case BUSY -> DialOutcome.BUSY;
            case NO_ANSWER -> DialOutcome.NO_ANSWER;
            case PERSON, MACHINE -> Double.isNaN(call.answerTime) ? DialOutcome.NO_ANSWER : DialOutcome.MACHINE;
        };
        statistics.ended(now, outcome, age, answeredAfter);
    }

    private void ready(Call call) {
        removeInFlight(call);
        call.stage = CallStage.WAITING;
        call.readyTime = now;
        queue.addLast(call);
        waiting++;
        queued++;
        statistics.readyForOperator(now, now - call.dialTime, call.answerTime - call.dialTime);
        int op = longestReady();
        if (op >= 0) {
            connect(op);
        } else {
            push(call.deadline, Type.DEADLINE, call, -1);
        }
    }

    private void deadline(Call call) {
        if (call.done || call.stage != CallStage.WAITING) {
            return;
        }
        call.done = true;
        queue.remove(call);
        waiting--;
        queuedDrops++;
        if (call.person()) {
            personDrops++;
            addMinute(minuteDrops, call.answerTime);
        }
        statistics.abandoned(now, now - call.readyTime);
    }

    private int longestReady() {
        int best = -1;
        for (int op = 0; op < n; op++) {
            if (state[op] == OpState.READY && (best < 0 || since[op] < since[best])) {
                best = op;
            }
        }
        return best;
    }

    /** Operator {@code op}, ready, takes the oldest waiting call. */
    private void connect(int op) {
        Call call = queue.pollFirst();
        waiting--;
        call.done = true;
        call.stage = null;
        statistics.connected(now, now - call.readyTime);
        idleWaits.add(now - since[op]);
        if (call.person()) {
            contacts++;
            holds.add(now - (call.answerTime + call.lead.greeting()));
        }
        state[op] = OpState.TALK;
        since[op] = now;
        busyStart[op] = now;
        onCall[op] = call;
        lastCallMachine[op] = !call.person();
        talkEnd[op] = now + call.talk();
        wrapEnd[op] = talkEnd[op] + call.wrap();
        talking++;
        push(talkEnd[op], Type.TALK_END, null, op);
    }

    private void wrapEnd(int op) {
        double talk = talkEnd[op] - busyStart[op];
        double wrap = now - talkEnd[op];
        addBusy(op, now - busyStart[op]);
        statistics.operatorFreed(now, talk, wrap);
        if (logoutPending[op]) {
            logoutPending[op] = false;
            leave(op, OpState.OUT);
        } else if (leaving[op]) {
            startPause(op);
        } else {
            becomeReady(op);
        }
    }

    private void addBusy(int op, double seconds) {
        busyTime += seconds;
        if (lastCallMachine[op]) {
            machineBusyTime += seconds;
        }
    }

    private final boolean[] lastCallMachine;

    private void becomeReady(int op) {
        state[op] = OpState.READY;
        since[op] = now;
        leaving[op] = false;
        if (waiting > 0) {
            connect(op);
        }
    }

    private void startPause(int op) {
        leave(op, OpState.PAUSED);
        pauseUntil[op] = now + PAUSE_SECONDS;
        push(pauseUntil[op], Type.PAUSE_END, null, op);
    }

    private void leave(int op, OpState to) {
        availableTime += now - availableSince[op];
        state[op] = to;
        since[op] = now;
        leaving[op] = false;
    }

    private void becomeAvailable(int op) {
        availableSince[op] = now;
    }

    private void addMinute(int[] minutes, double t) {
        int m = (int) (t / 60);
        if (m >= 0 && m < minutes.length) {
            minutes[m]++;
        }
    }

    private void push(double time, Type type, Call call, int operator) {
        events.add(new Event(time, seq++, type, call, operator));
    }

    /** Asks for a decision at {@code time} (a clairvoyant's timed dial). */
    void wakeAt(double time) {
        if (time < pendingWake && time < end) {
            pendingWake = time;
            push(Math.max(now, time), Type.WAKE, null, -1);
        }
    }

    // What policies see -------------------------------------------------------------------------------------

    int count(OpState s) {
        int c = 0;
        for (int op = 0; op < n; op++) {
            if (state[op] == s) {
                c++;
            }
        }
        return c;
    }

    int loggedIn() {
        return n - count(OpState.OUT) - count(OpState.PAUSED);
    }

    /** Busy operators, not leaving, whose wrap-up ends within {@code seconds} (the oracle's knowledge). */
    int freeingWithin(double seconds) {
        int c = 0;
        for (int op = 0; op < n; op++) {
            if ((state[op] == OpState.TALK || state[op] == OpState.WRAP) && !leaving[op] && wrapEnd[op] <= now + seconds) {
                c++;
            }
        }
        return c;
    }

    List<OperatorSnapshot> operatorSnapshots() {
        List<OperatorSnapshot> list = new ArrayList<>(n);
        for (int op = 0; op < n; op++) {
            switch (state[op]) {
                case READY -> list.add(OperatorSnapshot.ready(now - since[op]));
                case TALK -> list.add(OperatorSnapshot.talking(now - since[op], leaving[op]));
                case WRAP -> list.add(OperatorSnapshot.wrapping(now - since[op], now - busyStart[op], leaving[op]));
                default -> {
                }
            }
        }
        return list;
    }

    List<CallSnapshot> callSnapshots() {
        List<CallSnapshot> list = new ArrayList<>(inFlight.size() + waiting);
        for (Call call : inFlight) {
            double inStage = call.stage == CallStage.DIALLING ? now - call.dialTime : now - call.answerTime;
            list.add(new CallSnapshot(call.stage, now - call.dialTime, inStage));
        }
        for (Call call : queue) {
            list.add(new CallSnapshot(CallStage.WAITING, now - call.dialTime, now - call.readyTime));
        }
        return list;
    }

    /** A growable array of doubles. */
    static final class DoubleList {
        double[] values = new double[256];
        int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        double[] sorted() {
            double[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }
}
