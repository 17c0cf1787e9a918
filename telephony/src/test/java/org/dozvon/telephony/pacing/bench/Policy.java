package org.dozvon.telephony.pacing.bench;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.function.ToIntFunction;

import org.dozvon.telephony.pacing.Pacer;
import org.dozvon.telephony.pacing.PacingState;

/** A way of deciding how many leads to dial; one instance per run. */
interface Policy {

    double ABANDON_TARGET = 0.03;

    String name();

    /** Seconds between timed decisions; 0 for none. */
    double tick();

    /** Whether it also decides after every event. */
    boolean onEveryEvent();

    default void start(Simulation sim) {
    }

    /** How many leads to dial now (the simulation caps it at the free lines). */
    int decide(Simulation sim);

    /** Dozvon's own pacers (C, and B0 = progressive 1:1), fed exactly the state a live dialer fills. */
    static Policy pacer(String name, Pacer pacer, double tick, boolean onEveryEvent) {
        return pacer(name, pacer, tick, onEveryEvent, false);
    }

    /**
     * @param onlyWhenReady skip building the state while no operator is ready (a shortcut for progressive pacers,
     *                      which dial nothing then anyway; it changes no figure, only the run time)
     */
    static Policy pacer(String name, Pacer pacer, double tick, boolean onEveryEvent, boolean onlyWhenReady) {
        return new Timed(name, tick, onEveryEvent, sim -> {
            if (onlyWhenReady && sim.count(Simulation.OpState.READY) == 0) {
                return 0;
            }
            PacingState state = new PacingState(sim.now, sim.operatorSnapshots(), sim.callSnapshots(), sim.lineLimit,
                    ABANDON_TARGET, sim.statistics.estimates(sim.now));
            return pacer.decide(state).dials();
        });
    }

    /** B1: VICIdial's fixed dial level, every 2.5 s: round(r·(READY + TALK)) − (in flight + waiting + TALK). */
    static Policy fixedRatio(double ratio) {
        return new Timed(String.format(java.util.Locale.ROOT, "B1-r%.2f", ratio), 2.5, false, sim -> {
            int talk = sim.count(Simulation.OpState.TALK);
            return (int) (Math.round(ratio * (sim.count(Simulation.OpState.READY) + talk))
                    - (sim.inFlight.size() + sim.waiting + talk));
        });
    }

    /** B3: knows when every busy operator frees up (not how calls end); κ tuned per scenario. */
    static Policy oracle(double kappa) {
        return new Timed(String.format(java.util.Locale.ROOT, "B3-k%.3f", kappa), 0.5, false, sim -> {
            double p = Math.max(0.01, sim.statistics.estimates(sim.now).connectRate());
            double free = sim.count(Simulation.OpState.READY) + sim.freeingWithin(12) - sim.waiting;
            return (int) (Math.round(kappa * free / p) - sim.inFlight.size());
        });
    }

    /** A policy that decides by a function of the simulation, every {@code tick} seconds and/or after every event. */
    record Timed(String name, double tick, boolean onEveryEvent, ToIntFunction<Simulation> decider) implements Policy {

        @Override
        public int decide(Simulation sim) {
            return decider.applyAsInt(sim);
        }
    }

    /**
     * B4: knows every lead's fate and every operator's future. Dials leads in order; a lead that will never need
     * an operator is dialled at once, one that will is dialled so that it needs its operator exactly when the
     * earliest operator not yet spoken for is free (so nobody waits for it, and it never waits).
     */
    final class Clairvoyant implements Policy {

        /** With AMD a call may wait this long for its operator (1.2 s after recognition); without, greeting + 1.9 s. */
        static final double HOLD_SLACK = 1.0;

        @Override
        public String name() {
            return "B4";
        }

        /** Its plan holds until its own wake-up; the tick catches freed lines and pauses it does not foresee. */
        @Override
        public double tick() {
            return 1.0;
        }

        @Override
        public boolean onEveryEvent() {
            return false;
        }

        @Override
        public int decide(Simulation sim) {
            PriorityQueue<Double> slots = new PriorityQueue<>();
            for (int op = 0; op < sim.n; op++) {
                switch (sim.state[op]) {
                    case READY -> slots.add(sim.now);
                    case TALK, WRAP -> {
                        if (!sim.leaving[op]) {
                            slots.add(sim.wrapEnd[op]);
                        }
                    }
                    default -> {
                    }
                }
            }
            // Calls already out that will need an operator, in the order they will.
            PriorityQueue<double[]> coming = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
            for (Simulation.Call call : sim.queue) {
                coming.add(new double[] {call.readyTime, call.talk() + call.wrap()});
            }
            for (Simulation.Call call : sim.inFlight) {
                double delay = Simulation.delayToOperator(call.lead, call.kind, sim.scenario.amd());
                if (!Double.isNaN(delay)) {
                    coming.add(new double[] {call.dialTime + delay, call.talk() + call.wrap()});
                }
            }
            while (!coming.isEmpty() && !slots.isEmpty()) {
                double[] c = coming.poll();
                double start = Math.max(c[0], slots.poll());
                slots.add(start + c[1]);
            }
            int free = sim.lineLimit - sim.lines();
            int dials = 0;
            while (dials < free && !slots.isEmpty()) {
                Lead lead = sim.peekLead(dials);
                Lead.Kind kind = lead.kind(sim.personRateNow());
                double delay = Simulation.delayToOperator(lead, kind, sim.scenario.amd());
                if (Double.isNaN(delay)) {
                    dials++;
                    continue;
                }
                double slot = slots.peek();
                double slack = sim.scenario.amd() ? HOLD_SLACK : lead.greeting() + 2.0 - 0.1;
                if (sim.now + delay + slack + 1e-9 >= slot) {
                    slots.poll();
                    double talkWrap = kind == Lead.Kind.PERSON ? lead.personTalk() + lead.personWrap()
                            : lead.machineTalk() + lead.machineWrap();
                    slots.add(Math.max(slot, sim.now + delay) + talkWrap);
                    dials++;
                } else {
                    sim.wakeAt(slot - delay - slack);
                    break;
                }
            }
            return dials;
        }
    }

    /**
     * B2: VICIdial's adaptive dial level as its AST_VDadapt describes it (ported from the published description,
     * not from its code): samples (READY, waiting, logged in) every second; every 15 s adapts the level from the
     * 15-sample averages; halves it after a bad minute; applies the drop method once the day is over the limit.
     * The level drives B1's loop every 2.5 s.
     */
    final class VicidialAdaptive implements Policy {

        enum DropMethod { HARD_LIMIT, AVERAGE, TAPERED }

        private final String name;
        private final DropMethod method;
        private final double maxLevel;
        private final boolean readyOnly;
        private final double limitPercent = 3;
        private final double intensity = 0;
        private final double diffTarget = 0;
        private double level = 1.0;
        private final double[] ready = new double[15];
        private final double[] waitingSamples = new double[15];
        private final double[] agents = new double[15];
        private int samples;
        private long ticks;
        private final ArrayDeque<double[]> lastMinute = new ArrayDeque<>();
        private long seenQueued;
        private long seenDrops;

        VicidialAdaptive(String name, DropMethod method, double maxLevel, boolean readyOnly) {
            this.name = name;
            this.method = method;
            this.maxLevel = maxLevel;
            this.readyOnly = readyOnly;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public double tick() {
            return 0.5;
        }

        @Override
        public boolean onEveryEvent() {
            return false;
        }

        @Override
        public int decide(Simulation sim) {
            long t = ticks++;
            if (t % 2 == 0) {
                sample(sim);
            }
            if (t > 0 && t % 30 == 0) {
                adapt(sim);
            }
            if (t % 5 != 0) {
                return 0;
            }
            int readyNow = sim.count(Simulation.OpState.READY);
            if (readyOnly) {
                return (int) (Math.round(level * readyNow) - sim.inFlight.size() - sim.waiting);
            }
            int talk = sim.count(Simulation.OpState.TALK);
            return (int) (Math.round(level * (readyNow + talk)) - (sim.inFlight.size() + sim.waiting + talk));
        }

        private void sample(Simulation sim) {
            int i = samples++ % 15;
            ready[i] = sim.count(Simulation.OpState.READY);
            waitingSamples[i] = sim.waiting;
            agents[i] = sim.loggedIn();
            // Calls answered (reaching the queue, machines included) and dropped, per second, for the last minute.
            long newQueued = sim.queued - seenQueued;
            long newDrops = sim.queuedDrops - seenDrops;
            seenQueued = sim.queued;
            seenDrops = sim.queuedDrops;
            lastMinute.addLast(new double[] {sim.now, newQueued, newDrops});
            while (!lastMinute.isEmpty() && lastMinute.peekFirst()[0] <= sim.now - 60) {
                lastMinute.pollFirst();
            }
        }

        private void adapt(Simulation sim) {
            int count = Math.min(samples, 15);
            double avgReady = 0;
            double avgWaiting = 0;
            double avgAgents = 0;
            for (int i = 0; i < count; i++) {
                avgReady += ready[i];
                avgWaiting += waitingSamples[i];
                avgAgents += agents[i];
            }
            avgReady /= count;
            avgWaiting /= count;
            avgAgents /= count;
            if (avgAgents > 0) {
                double m = (avgReady - avgWaiting + diffTarget) / avgAgents;
                double i = intensity / 100;
                double adjusted = m < 0 ? m * Math.abs(i - 1) : m * (1 + i);
                level = Math.round(level * (1 + adjusted) * 1000) / 1000.0;
                level = Math.max(1.0, Math.min(maxLevel, level));
            }
            double minuteCalls = 0;
            double minuteDrops = 0;
            for (double[] s : lastMinute) {
                minuteCalls += s[1];
                minuteDrops += s[2];
            }
            if (minuteCalls > 20 && minuteDrops / minuteCalls > 0.5) {
                level = Math.max(1.0, level / 2);
            }
            if (sim.queued > 50 && 100.0 * sim.queuedDrops / sim.queued > limitPercent) {
                switch (method) {
                    case HARD_LIMIT -> level = 1.0;
                    case AVERAGE -> level = Math.max(1.0, level / 2);
                    case TAPERED -> {
                        // Shift 09:00–17:00: (latest HHMM − now HHMM) / 1000.
                        int minutes = (int) (sim.now / 60);
                        int hhmm = 900 + (minutes / 60) * 100 + minutes % 60;
                        level = Math.max(1.0, level * Math.min(1, (1700 - hhmm) / 1000.0));
                    }
                }
            }
        }
    }
}
