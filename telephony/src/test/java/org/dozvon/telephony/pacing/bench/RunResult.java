package org.dozvon.telephony.pacing.bench;

import java.util.Locale;

/** The metrics of one (scenario, policy, seed) run (PACING-BENCH.md "Metrics"); rates are fractions. */
record RunResult(String scenario, String policy, long seed, double occupancy, double productiveOccupancy,
        double abandon, double ftcStrict, double maxHourAbandon, double idleMean, double idleP50, double idleP90,
        double idleP99, long contacts, double dialsPerOperatorHour, double dialsPerContact, int peakLines,
        double holdP99, double believedAbandon, long dials, long personsAnswered, long drops, long lateConnects,
        long falseHangups) {

    static final String HEADER = "scenario,policy,seed,occupancy,productive_occupancy,abandon,ftc_strict,max_hour_abandon,"
            + "idle_mean_s,idle_p50_s,idle_p90_s,idle_p99_s,contacts,dials_per_operator_hour,dials_per_contact,peak_lines,"
            + "hold_after_greeting_p99_s,believed_abandon,dials,persons_answered,drops,late_connects,amd_false_hangups";

    static RunResult of(Simulation sim, String policy) {
        double occupancy = sim.availableTime == 0 ? 0 : sim.busyTime / sim.availableTime;
        double productive = sim.availableTime == 0 ? 0 : (sim.busyTime - sim.machineBusyTime) / sim.availableTime;
        long pacingBase = sim.personsAnswered - sim.falseHangups;
        double abandon = pacingBase == 0 ? 0 : (double) (sim.personDrops + sim.lateConnects) / pacingBase;
        double strict = sim.personsAnswered == 0 ? 0
                : (double) (sim.personDrops + sim.lateConnects + sim.falseHangups) / sim.personsAnswered;
        double[] idle = sim.idleWaits.sorted();
        double[] holds = sim.holds.sorted();
        double operatorHours = sim.availableTime / 3600;
        double believed = sim.queued == 0 ? 0 : (double) sim.queuedDrops / sim.queued;
        return new RunResult(sim.scenario.name(), policy, sim.seed, occupancy, productive, abandon, strict,
                maxHour(sim.minutePersons, sim.minuteDrops), mean(idle), quantile(idle, 0.5), quantile(idle, 0.9),
                quantile(idle, 0.99), sim.contacts, operatorHours == 0 ? 0 : sim.dials / operatorHours,
                sim.contacts == 0 ? 0 : (double) sim.dials / sim.contacts, sim.peakLines, quantile(holds, 0.99), believed,
                sim.dials, pacingBase, sim.personDrops, sim.lateConnects, sim.falseHangups);
    }

    /** The worst abandon rate over every 60 consecutive minutes of the day (by answer time). */
    static double maxHour(int[] persons, int[] drops) {
        int window = 60;
        double worst = 0;
        long p = 0;
        long d = 0;
        for (int m = 0; m < persons.length; m++) {
            p += persons[m];
            d += drops[m];
            if (m >= window) {
                p -= persons[m - window];
                d -= drops[m - window];
            }
            if (m >= window - 1 && p > 0) {
                worst = Math.max(worst, (double) d / p);
            }
        }
        return worst;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }

    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    String csv() {
        return String.format(Locale.ROOT,
                "%s,%s,%d,%.5f,%.5f,%.5f,%.5f,%.5f,%.2f,%.2f,%.2f,%.2f,%d,%.2f,%.3f,%d,%.2f,%.5f,%d,%d,%d,%d,%d",
                scenario, policy, seed, occupancy, productiveOccupancy, abandon, ftcStrict, maxHourAbandon, idleMean,
                idleP50, idleP90, idleP99, contacts, dialsPerOperatorHour, dialsPerContact, peakLines, holdP99,
                believedAbandon, dials, personsAnswered, drops, lateConnects, falseHangups);
    }
}
