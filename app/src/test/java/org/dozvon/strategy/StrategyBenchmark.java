package org.dozvon.strategy;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.dozvon.DozvonApplication;
import org.dozvon.PortalClient;
import org.dozvon.TestDataDirectories;
import org.dozvon.campaigns.OutcomeCategory;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code bin/bench strategy [processes] [threads] [--spring.property=value ...]}: the standard strategy at
 * campaign scale. A list of {@code processes} contacts (one mobile phone each, written with bulk SQL) and a
 * campaign of strategy {@code standard} open 09:00–21:00 in Moscow; the intake starts one process per
 * contact on virtual time (a Monday 09:00, so every process runs to its dial request and waits for
 * {@code CallOutcome}); then {@code threads} threads (default 4) report NO_ANSWER for every attempt through
 * {@link StrategyOutcomes#report}, each report timed: the decision answers RETRY and the process waits on
 * its window timer. Camunda's job executor is off, so nothing else runs in the engine. The embedded
 * PostgreSQL loads {@code pg_stat_statements}; the statements taking most time in each phase are printed.
 * Arguments starting with {@code --} go to the application (to try settings). The data directory is removed
 * at the end. Prints figures; asserts nothing.
 */
public final class StrategyBenchmark {

    /** A Monday, 09:00 in Moscow, years ahead: the calling window is open and no real timer ever fires. */
    private static final Instant MONDAY_9 = Instant.parse("2031-03-03T06:00:00Z");
    private static final String PASSWORD = "Benchmark-pass-1";

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        List<String> settings = new ArrayList<>();
        for (String arg : args) {
            (arg.startsWith("--") ? settings : positional).add(arg);
        }
        int processes = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 100_000;
        int threads = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 4;
        Path data = TestDataDirectories.fresh("bench-strategy");
        preparePostgres(data.resolve("postgres"));

        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--DOZVON_DATA_DIR=" + data,
                "--DOZVON_ADMIN_PASSWORD=" + PASSWORD, "--DOZVON_DB_URL=", "--logging.level.root=warn",
                "--camunda.bpm.job-execution.enabled=false",
                // the sweep would take contacts on the real clock beside the measured intake
                "--dozvon.strategy.intake-interval=1d"));
        arguments.addAll(settings);
        if (!settings.isEmpty()) {
            System.out.println("settings: " + String.join(" ", settings));
        }
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DozvonApplication.class)
                .run(arguments.toArray(String[]::new))) {
            run(app, data, processes, threads);
        } finally {
            // a run of 100,000 processes leaves some gigabytes
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    private static void run(ConfigurableApplicationContext app, Path data, int processes, int threads) throws Exception {
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        jdbc.sql("create extension if not exists pg_stat_statements").update();
        long started = System.nanoTime();
        long listId = contacts(jdbc, processes);
        long campaignId = campaign(app, jdbc, listId);
        int historyLevel = jdbc.sql("select cast(value_ as int) from act_ge_property where name_ = 'historyLevel'")
                .query(Integer.class).single();
        System.out.printf("setup: %,d contacts, campaign %d in %.1f s; Camunda history level %s%n", processes, campaignId,
                (System.nanoTime() - started) / 1e9, historyLevel == DecisionHistory.ACTIVITY_AND_DECISIONS.getId() ? DecisionHistory.NAME
                        : List.of("none", "activity", "audit", "full").get(historyLevel));

        StrategyClock clock = app.getBean(StrategyClock.class);
        CampaignIntake intake = app.getBean(CampaignIntake.class);
        resetStatements(jdbc);
        Progress progress = Progress.every(15, () -> jdbc.sql("select count(*) from dial_request where campaign_id = :c")
                .param("c", campaignId).query(Long.class).single(), "processes waiting for an outcome");
        Path pgData = data.resolve("postgres");
        Cpu cpu = Cpu.now(pgData);
        started = System.nanoTime();
        long taken = clock.at(MONDAY_9, () -> intake.intake(campaignId));
        double startSeconds = (System.nanoTime() - started) / 1e9;
        progress.stop();
        Cpu startCpu = Cpu.now(pgData).since(cpu);
        long queued = jdbc.sql("select count(*) from dial_request where campaign_id = :c and state = 'QUEUED'")
                .param("c", campaignId).query(Long.class).single();
        System.out.printf("start: %,d processes started, %,d dial requests queued in %.1f s; CPU a process: Java %.1f ms,"
                + " PostgreSQL %.1f ms%n", taken, queued, startSeconds, startCpu.javaMs() / (double) taken,
                startCpu.postgresMs() / (double) taken);
        printStatements(jdbc, taken);

        List<Long> attempts = jdbc.sql("select id from dial_request where campaign_id = :c and state = 'QUEUED' order by id")
                .param("c", campaignId).query(Long.class).list();
        StrategyOutcomes outcomes = app.getBean(StrategyOutcomes.class);
        resetStatements(jdbc);
        AtomicLong done = new AtomicLong();
        progress = Progress.every(15, done::get, "outcomes correlated");
        long[] latencies = new long[attempts.size()];
        long[] correlated = new long[threads];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        cpu = Cpu.now(pgData);
        started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                for (int i = thread; i < attempts.size(); i += threads) {
                    long attempt = attempts.get(i);
                    long before = System.nanoTime();
                    StrategyOutcomes.Result result = clock.at(MONDAY_9.plusSeconds(30),
                            () -> outcomes.report(attempt, OutcomeCategory.NO_ANSWER, null, null));
                    latencies[i] = System.nanoTime() - before;
                    if (result == StrategyOutcomes.Result.CORRELATED) {
                        correlated[thread]++;
                    }
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double correlateSeconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        progress.stop();
        Cpu correlateCpu = Cpu.now(pgData).since(cpu);
        long waiting = jdbc.sql("select count(*) from campaign_contact where campaign_id = :c and state = 'WAITING'"
                        + " and next_dial_at = :at")
                .param("c", campaignId).param("at", java.sql.Timestamp.from(MONDAY_9.plusSeconds(30 + 3600)))
                .query(Long.class).single();
        System.out.printf("correlate: %,d outcomes (%,d correlated) from %d threads in %.1f s; %,d processes wait"
                        + " for their window an hour later; CPU an outcome: Java %.1f ms, PostgreSQL %.1f ms%n",
                attempts.size(), Arrays.stream(correlated).sum(), threads, correlateSeconds, waiting,
                correlateCpu.javaMs() / (double) attempts.size(), correlateCpu.postgresMs() / (double) attempts.size());
        printStatements(jdbc, attempts.size());

        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "strategy processes=%d start_per_s=%.0f correlate_per_s=%.0f"
                        + " correlate_p50_ms=%.1f correlate_p99_ms=%.1f%n", taken, taken / startSeconds,
                attempts.size() / correlateSeconds, percentile(latencies, 0.50), percentile(latencies, 0.99));
    }

    /** Initialises the data directory Dozvon's embedded PostgreSQL will use, with pg_stat_statements loaded. */
    private static void preparePostgres(Path pgData) throws Exception {
        Files.createDirectories(pgData.getParent());
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false)
                .setLocaleConfig("locale-provider", "builtin").setLocaleConfig("builtin-locale", "C.UTF-8")
                .setLocaleConfig("locale", "C.UTF-8").start()) {
            // initdb only
        }
        Files.writeString(pgData.resolve("postgresql.conf"), "\nshared_preload_libraries = 'pg_stat_statements'\n"
                + "pg_stat_statements.max = 1000\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** A list of {@code count} contacts with one mobile phone each; its id. */
    private static long contacts(JdbcClient jdbc, int count) {
        long fieldId = jdbc.sql("insert into contact_field (code, name, type, created_at, updated_at)"
                + " values ('bench_mobile', 'Mobile', 'PHONE', now(), now()) returning id").query(Long.class).single();
        long listId = jdbc.sql("insert into contact_list (name, created_at, updated_at) values ('Benchmark', now(), now()) returning id")
                .query(Long.class).single();
        jdbc.sql("insert into contact_list_field (list_id, field_id, position, required) values (:l, :f, 1, false)")
                .param("l", listId).param("f", fieldId).update();
        jdbc.sql("""
                        insert into contact (list_id, client_id, attributes, created_at, updated_at)
                        select :list, 'B-' || g, jsonb_build_object('bench_mobile', '+7912' || lpad(g::text, 7, '0')), now(), now()
                        from generate_series(1, :count) g""")
                .param("list", listId).param("count", count).update();
        jdbc.sql("""
                        insert into contact_phone (contact_id, field_code, number, time_zone, time_zone_source, priority)
                        select id, 'bench_mobile', attributes ->> 'bench_mobile', 'Europe/Moscow', 'NUMBERING_RANGE', 0
                        from contact where list_id = :list order by id""")
                .param("list", listId).update();
        jdbc.sql("analyze contact").update();
        jdbc.sql("analyze contact_phone").update();
        return listId;
    }

    /**
     * A campaign of the standard strategy on the list through the API, open 09:00–21:00 every day in Moscow
     * from {@link #MONDAY_9}; made RUNNING in the table, so that the intake runs here, on virtual time, and not
     * on the worker that {@code CampaignStarted} wakes.
     */
    private static long campaign(ConfigurableApplicationContext app, JdbcClient jdbc, long listId) throws Exception {
        PortalClient portal = new PortalClient(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
        HttpResponse<String> created = portal.apiSend("POST", "/api/v1/campaigns", """
                {"name": "Benchmark", "strategyKey": "standard", "lists": [%d], "timeZoneMode": "CAMPAIGN",
                 "timeZone": "Europe/Moscow", "startsAt": "%s",
                 "callingHours": {"WORKDAY": [{"from": "09:00", "to": "21:00"}], "WEEKEND": [{"from": "09:00", "to": "21:00"}],
                                  "HOLIDAY": [{"from": "09:00", "to": "21:00"}]}}""".formatted(listId, MONDAY_9),
                "admin", PASSWORD);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("campaign refused: " + created.body());
        }
        long campaignId = new ObjectMapper().readTree(created.body()).get("id").asLong();
        jdbc.sql("update campaign set status = 'RUNNING', status_changed_at = now() where id = :id").param("id", campaignId).update();
        return campaignId;
    }

    private static void resetStatements(JdbcClient jdbc) {
        jdbc.sql("select pg_stat_statements_reset()").query().listOfRows();
    }

    /** The statements that took most of the database's time since the last reset. */
    private static void printStatements(JdbcClient jdbc, long processes) {
        jdbc.sql("select sum(calls), sum(total_exec_time) from pg_stat_statements where query not like '%pg_stat_statements%'")
                .query(rs -> {
                    System.out.printf(Locale.ROOT, "  %,d statements (%.1f a process) taking %.1f s in the database;"
                                    + " the top ones:%n", rs.getLong(1), rs.getLong(1) / (double) processes,
                            rs.getDouble(2) / 1000);
                });
        System.out.println("     calls   total_ms  mean_ms  statement");
        jdbc.sql("""
                        select calls, total_exec_time, mean_exec_time, regexp_replace(query, '\\s+', ' ', 'g')
                        from pg_stat_statements where query not like '%pg_stat_statements%'
                        order by total_exec_time desc limit 30""")
                .query(rs -> {
                    String query = rs.getString(4);
                    System.out.printf(Locale.ROOT, "  %8d %10.0f %8.3f  %s%n", rs.getLong(1), rs.getDouble(2), rs.getDouble(3),
                            query.length() > 150 ? query.substring(0, 150) + "…" : query);
                });
    }

    /**
     * CPU time used so far by this JVM and by the embedded PostgreSQL (its postmaster and backends, read from
     * /proc), in milliseconds: on a shared machine the load-independent part of the figures.
     */
    private record Cpu(long javaMs, long postgresMs) {

        static Cpu now(Path pgData) {
            long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
            return new Cpu(jvm, postgres(pgData));
        }

        Cpu since(Cpu start) {
            return new Cpu(javaMs - start.javaMs, postgresMs - start.postgresMs);
        }

        private static long postgres(Path pgData) {
            try {
                long postmaster = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).strip());
                long ticks = 0;
                try (var processes = Files.list(Path.of("/proc"))) {
                    for (Path process : (Iterable<Path>) processes::iterator) {
                        String name = process.getFileName().toString();
                        if (!name.chars().allMatch(Character::isDigit)) {
                            continue;
                        }
                        try {
                            String stat = Files.readString(process.resolve("stat"));
                            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            // after the name: state, ppid, ... utime is field 14 of stat, stime 15
                            if (Long.parseLong(name) == postmaster || Long.parseLong(fields[1]) == postmaster) {
                                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                            }
                        } catch (java.io.IOException | RuntimeException e) {
                            // the process ended meanwhile
                        }
                    }
                }
                return ticks * 10; // USER_HZ is 100 on Linux
            } catch (java.io.IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    private static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    /** Prints a count every few seconds while a phase runs. */
    private record Progress(Thread thread) {

        static Progress every(int seconds, java.util.function.LongSupplier count, String what) {
            Thread thread = new Thread(() -> {
                long start = System.nanoTime();
                try {
                    while (true) {
                        Thread.sleep(seconds * 1000L);
                        System.out.printf("  %4.0f s: %,d %s%n", (System.nanoTime() - start) / 1e9, count.getAsLong(), what);
                    }
                } catch (InterruptedException e) {
                    // the phase is over
                }
            }, "bench-progress");
            thread.setDaemon(true);
            thread.start();
            return new Progress(thread);
        }

        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join();
        }
    }
}
