package org.dozvon.telephony.pacing.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.dozvon.telephony.pacing.PredictivePacer;
import org.dozvon.telephony.pacing.ProgressivePacer;

/**
 * {@code bin/bench pacing [--quick] [--seeds=20] [--hours=8] [--scenarios=S1,S3] [--threads=2] [--out=dir]}:
 * the pacing benchmark of PACING-BENCH.md. Every policy runs on the same seeds, one after the other, in this
 * JVM; seeds run in parallel, each run on its own, so the figures do not depend on thread scheduling.
 */
public final class PacingBenchmark {

    static final double TARGET = 0.03;

    private final int seeds;
    private final double hours;
    private final double ratioStep;
    private final int bisections;
    private final ForkJoinPool pool;

    private PacingBenchmark(int seeds, double hours, double ratioStep, int bisections, int threads) {
        this.seeds = seeds;
        this.hours = hours;
        this.ratioStep = ratioStep;
        this.bisections = bisections;
        this.pool = new ForkJoinPool(threads);
    }

    /** One policy setting over all seeds of a scenario. */
    record Summary(String scenario, String policy, List<RunResult> runs) {

        double meanOccupancy() {
            return runs.stream().mapToDouble(RunResult::occupancy).average().orElse(0);
        }

        double occupancyCi95() {
            double mean = meanOccupancy();
            double ss = runs.stream().mapToDouble(r -> (r.occupancy() - mean) * (r.occupancy() - mean)).sum();
            return runs.size() < 2 ? 0 : 1.96 * Math.sqrt(ss / (runs.size() - 1) / runs.size());
        }

        double meanAbandon() {
            return runs.stream().mapToDouble(RunResult::abandon).average().orElse(0);
        }

        double worstAbandon() {
            return runs.stream().mapToDouble(RunResult::abandon).max().orElse(0);
        }

        double maxHour() {
            return runs.stream().mapToDouble(RunResult::maxHourAbandon).max().orElse(0);
        }

        double mean(java.util.function.ToDoubleFunction<RunResult> f) {
            return runs.stream().mapToDouble(f).average().orElse(0);
        }
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
            String[] kv = arg.substring(2).split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        boolean quick = options.containsKey("quick");
        int seeds = Integer.parseInt(options.getOrDefault("seeds", quick ? "4" : "20"));
        double hours = Double.parseDouble(options.getOrDefault("hours", "8"));
        int threads = Integer.parseInt(options.getOrDefault("threads",
                String.valueOf(Math.max(1, Runtime.getRuntime().availableProcessors()))));
        Path out = Path.of(options.getOrDefault("out", "telephony/target/pacing-bench"));
        List<String> wanted = options.containsKey("scenarios")
                ? Arrays.asList(options.get("scenarios").split(","))
                : null;
        List<Scenario> scenarios = Scenario.all().stream()
                .filter(s -> wanted == null || wanted.contains(s.name()) || wanted.contains(s.name().split("-")[0]))
                .toList();
        PacingBenchmark bench = new PacingBenchmark(seeds, hours, quick ? 0.10 : 0.05, quick ? 6 : 9, threads);
        Files.createDirectories(out);
        System.out.printf(Locale.ROOT, "pacing benchmark: %d seeds, %.1f h shift, %d threads, output %s%n", seeds,
                hours, threads, out.toAbsolutePath());
        List<Summary> all = new ArrayList<>();
        List<Summary> curve = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            long t0 = System.nanoTime();
            List<Summary> rows = new ArrayList<>();
            List<Summary> tried = new ArrayList<>();
            bench.scenario(scenario, rows, tried);
            all.addAll(rows);
            curve.addAll(tried);
            bench.print(scenario, rows, (System.nanoTime() - t0) / 1e9);
        }
        bench.pool.shutdown();
        write(out, all, curve);
        TradeoffChart.write(out, curve, all);
        String last = verdict(all, seeds);
        System.out.printf(Locale.ROOT, "elapsed %.1f s; CSV: %s, %s; charts: %s%n", (System.nanoTime() - started) / 1e9,
                out.resolve("runs.csv").toAbsolutePath(), out.resolve("tradeoff.csv").toAbsolutePath(),
                out.resolve("tradeoff-S1.png").toAbsolutePath());
        System.out.println(last);
    }

    private void scenario(Scenario scenario, List<Summary> rows, List<Summary> tried) {
        rows.add(run(scenario, "B0", () -> Policy.pacer("B0", ProgressivePacer.oneToOne(), 0, true, true)));

        // B1: sweep r upwards; the best in hindsight is the largest r with abandon ≤ 3 % on every seed. The sweep
        // stops after three failing ratios in a row once the mean abandon is past twice the target.
        Summary bestRatio = null;
        int failing = 0;
        for (int k = 0; ; k++) {
            double r = 1.0 + k * ratioStep;
            if (r > 3.0 + 1e-9) {
                break;
            }
            Summary s = run(scenario, null, () -> Policy.fixedRatio(r));
            tried.add(s);
            if (s.worstAbandon() <= TARGET) {
                bestRatio = s;
                failing = 0;
            } else if (++failing >= 3 && s.meanAbandon() > 2 * TARGET) {
                break;
            }
        }
        if (bestRatio != null) {
            rows.add(rename(bestRatio, "B1-best(" + bestRatio.policy().substring(3) + ")"));
        }
        for (var v : List.of(
                new Object[] {"B2-hard", Policy.VicidialAdaptive.DropMethod.HARD_LIMIT, 3.0, false},
                new Object[] {"B2-average", Policy.VicidialAdaptive.DropMethod.AVERAGE, 3.0, false},
                new Object[] {"B2-tapered", Policy.VicidialAdaptive.DropMethod.TAPERED, 3.0, false},
                new Object[] {"B2-tuned", Policy.VicidialAdaptive.DropMethod.AVERAGE, 6.0, true})) {
            Summary s = run(scenario, null, () -> new Policy.VicidialAdaptive((String) v[0],
                    (Policy.VicidialAdaptive.DropMethod) v[1], (Double) v[2], (Boolean) v[3]));
            rows.add(s);
            tried.add(s);
        }

        // B3: the largest κ with abandon ≤ 3 % on every seed, by bisection.
        double lo = 0.3;
        double hi = 2.0;
        Summary bestOracle = null;
        for (int i = 0; i < bisections; i++) {
            double kappa = (lo + hi) / 2;
            Summary s = run(scenario, null, () -> Policy.oracle(kappa));
            tried.add(s);
            if (s.worstAbandon() <= TARGET) {
                lo = kappa;
                bestOracle = s;
            } else {
                hi = kappa;
            }
        }
        if (bestOracle == null) {
            double kappa = lo;
            bestOracle = run(scenario, null, () -> Policy.oracle(kappa));
            tried.add(bestOracle);
        }
        rows.add(rename(bestOracle, "B3(" + bestOracle.policy().substring(3) + ")"));
        rows.add(run(scenario, "B4", Policy.Clairvoyant::new));
        Summary c = run(scenario, "C", () -> Policy.pacer("C", new PredictivePacer(), 0.5, false));
        rows.add(c);
        tried.add(c);
    }

    private static Summary rename(Summary s, String name) {
        return new Summary(s.scenario(), name, s.runs());
    }

    private Summary run(Scenario scenario, String name, Supplier<Policy> policies) {
        RunResult[] results = new RunResult[seeds];
        pool.submit(() -> IntStream.range(0, seeds).parallel().forEach(i ->
                results[i] = new Simulation(scenario, i + 1, hours, policies.get()).run())).join();
        String policy = name != null ? name : results[0].policy();
        return new Summary(scenario.name(), policy, List.of(results));
    }

    private void print(Scenario scenario, List<Summary> rows, double seconds) {
        System.out.printf(Locale.ROOT, "%n%s (N=%d, AMD %s) — %.1f s%n", scenario.name(), scenario.agents(),
                scenario.amd() ? "on" : "off", seconds);
        System.out.printf(Locale.ROOT, "  %-18s %9s %7s %9s %9s %9s %8s %9s %8s%n", "policy", "occupancy", "±95%",
                "abandon", "worst", "max hour", "believed", "dials/op h", "idle p50");
        for (Summary s : rows) {
            System.out.printf(Locale.ROOT, "  %-18s %8.2f%% %6.2f %8.2f%% %8.2f%% %8.2f%% %7.2f%% %9.1f %7.1fs%n",
                    s.policy(), 100 * s.meanOccupancy(), 100 * s.occupancyCi95(), 100 * s.meanAbandon(),
                    100 * s.worstAbandon(), 100 * s.maxHour(), 100 * s.mean(RunResult::believedAbandon),
                    s.mean(RunResult::dialsPerOperatorHour), s.mean(RunResult::idleP50));
        }
    }

    private static void write(Path out, List<Summary> all, List<Summary> curve) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("runs.csv")))) {
            w.println(RunResult.HEADER);
            for (Summary s : all) {
                for (RunResult r : s.runs()) {
                    w.println(r.csv().replaceFirst("^([^,]*),[^,]*,", "$1," + s.policy() + ","));
                }
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("tradeoff.csv")))) {
            w.println("scenario,policy,mean_occupancy,occupancy_ci95,mean_abandon,worst_seed_abandon,max_hour_abandon");
            for (Summary s : curve) {
                w.printf(Locale.ROOT, "%s,%s,%.5f,%.5f,%.5f,%.5f,%.5f%n", s.scenario(), s.policy(), s.meanOccupancy(),
                        s.occupancyCi95(), s.meanAbandon(), s.worstAbandon(), s.maxHour());
            }
        }
    }

    private static Summary find(List<Summary> all, String scenario, String prefix) {
        return all.stream().filter(s -> s.scenario().equals(scenario) && s.policy().startsWith(prefix)).findFirst()
                .orElse(null);
    }

    /** Prints the pass criteria of PACING-BENCH.md and returns the last line. */
    private static String verdict(List<Summary> all, int seeds) {
        List<Summary> cs = all.stream().filter(s -> s.policy().equals("C")).toList();
        double worst = cs.stream().mapToDouble(Summary::worstAbandon).max().orElse(Double.NaN);
        double maxHour = cs.stream().mapToDouble(Summary::maxHour).max().orElse(Double.NaN);
        boolean neverBelowB0 = true;
        for (Summary c : cs) {
            Summary b0 = find(all, c.scenario(), "B0");
            neverBelowB0 &= b0 == null || c.meanOccupancy() >= b0.meanOccupancy();
        }
        Summary c1 = find(all, "S1", "C");
        Summary b0 = find(all, "S1", "B0");
        Summary b1 = find(all, "S1", "B1-best");
        Summary b3 = find(all, "S1", "B3");
        Summary c3 = find(all, "S3", "C");
        System.out.println();
        System.out.printf(Locale.ROOT, "criterion 1 (abandon ≤ 3 %% on every seed of every scenario): worst %.2f%% — %s%n",
                100 * worst, worst <= TARGET ? "PASS" : "FAIL");
        if (c1 != null) {
            System.out.printf(Locale.ROOT, "criterion 2 (S1 occupancy ≥ 90 %%): %.2f%% — %s (B3 %.2f%%)%n",
                    100 * c1.meanOccupancy(), c1.meanOccupancy() >= 0.90 ? "PASS" : "FAIL",
                    b3 == null ? Double.NaN : 100 * b3.meanOccupancy());
            if (b1 != null) {
                double points = 100 * (c1.meanOccupancy() - b1.meanOccupancy());
                System.out.printf(Locale.ROOT, "criterion 3 (≥ 3 points above best fixed ratio in S1; ≤ 3 %% in S3): "
                        + "%+.2f points%s — %s%n", points,
                        c3 == null ? "" : String.format(Locale.ROOT, ", S3 worst %.2f%%", 100 * c3.worstAbandon()),
                        points >= 3 && (c3 == null || c3.worstAbandon() <= TARGET) ? "PASS" : "FAIL");
            }
        }
        System.out.printf(Locale.ROOT, "criterion 4 (no 60-minute window above 5 %%): max %.2f%% — %s%n", 100 * maxHour,
                maxHour <= 0.05 ? "PASS" : "FAIL");
        System.out.printf(Locale.ROOT, "criterion 5 (never below B0): %s%n", neverBelowB0 ? "PASS" : "FAIL");
        return String.format(Locale.ROOT,
                "pacing scenario=S1 agents=50 seeds=%d occupancy=%.4f abandon=%.4f oracle_occupancy=%.4f "
                        + "best_ratio_occupancy=%.4f progressive_occupancy=%.4f all_scenarios_abandon_worst=%.4f "
                        + "max_hour_abandon=%.4f",
                seeds, value(c1, true), value(c1, false), value(b3, true), value(b1, true), value(b0, true), worst,
                maxHour);
    }

    private static double value(Summary s, boolean occupancy) {
        return s == null ? Double.NaN : occupancy ? s.meanOccupancy() : s.worstAbandon();
    }
}
