package org.dozvon.imports;

import java.io.BufferedWriter;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.dozvon.DozvonApplication;
import org.dozvon.TestDataDirectories;
import org.postgresql.PGConnection;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code bin/bench import}: a 1,000,000-row CSV (10 columns, 2 phones a row, 1 % bad rows) imported
 * through the real job into the embedded PostgreSQL, against PostgreSQL's own {@code COPY} of the same
 * file into a plain table. Prints figures; asserts nothing.
 */
public final class ImportBenchmark {

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path work = TestDataDirectories.fresh("bench-import");
        Files.createDirectories(work);
        Path csv = work.resolve("contacts.csv");
        int bad = generate(csv, rows);
        System.out.printf("generated %,d rows (%,d bad) in %s, %,d bytes%n", rows, bad, csv, Files.size(csv));

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DozvonApplication.class)
                .run("--server.port=0", "--DOZVON_DATA_DIR=" + work.resolve("data"),
                        "--DOZVON_ADMIN_PASSWORD=Benchmark-pass-1", "--DOZVON_DB_URL=",
                        "--camunda.bpm.job-execution.enabled=false", "--logging.level.root=warn")) {
            long listId = createList(app);
            ImportLauncher launcher = app.getBean(ImportLauncher.class);
            ImportRunStore runs = app.getBean(ImportRunStore.class);
            Path copy = work.resolve("to-import.csv");
            Files.copy(csv, copy);

            System.gc();
            resetPeakHeap();
            double jvmCpu = jvmCpuSeconds();
            double postgresCpu = postgresCpuSeconds(work);
            long start = System.nanoTime();
            ImportLauncher.Started started = launcher.start(listId, copy, "contacts.csv", mapping(), false, false,
                    ImportRun.Source.API, "benchmark");
            if (started.runId() == null) {
                throw new IllegalStateException("refused: " + started.problems());
            }
            ImportRun run;
            do {
                Thread.sleep(200);
                run = runs.find(started.runId()).orElseThrow();
            } while (!run.finished());
            double seconds = (System.nanoTime() - start) / 1e9;
            long peakHeapMb = peakHeap() / (1024 * 1024);
            System.out.printf("import: %s, read %,d, inserted %,d, rejected %,d in %.1f s%n", run.status(), run.read(),
                    run.inserted(), run.rejected(), seconds);
            // on a shared machine the seconds depend on the neighbours; the CPU seconds much less
            System.out.printf(java.util.Locale.ROOT, "cpu: jvm %.1f s, postgres %.1f s, load average %s%n",
                    jvmCpuSeconds() - jvmCpu, postgresCpuSeconds(work) - postgresCpu, loadAverage());

            double copySeconds = copy(app.getBean(DataSource.class), csv);
            double rowsPerSecond = rows / seconds;
            double copyRowsPerSecond = rows / copySeconds;
            System.out.printf("copy: %,d rows in %.1f s%n", rows, copySeconds);
            System.out.printf(java.util.Locale.ROOT,
                    "import rows=%d seconds=%.1f rows_per_s=%.0f copy_rows_per_s=%.0f ratio=%.2f peak_heap_mb=%d%n",
                    rows, seconds, rowsPerSecond, copyRowsPerSecond, rowsPerSecond / copyRowsPerSecond, peakHeapMb);
        } finally {
            delete(work); // a million rows leave some 5 GB of database, WAL and files behind
        }
    }

    private static void delete(Path folder) throws java.io.IOException {
        try (var paths = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static final int[] AREAS = {343, 495, 812, 383, 423};

    private static int generate(Path csv, int rows) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        String[] names = {"Иванов Иван", "Петрова Мария", "Сидоров Пётр", "Кузнецова Анна", "Смирнов Олег"};
        String[] cities = {"Москва", "Казань", "Екатеринбург", "Новосибирск", "Владивосток"};
        int bad = 0;
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("contract;name;mobile;home;email;city;debt;due;segment;comment\n");
            for (int i = 0; i < rows; i++) {
                boolean broken = i % 100 == 57;
                bad += broken ? 1 : 0;
                String mobile = broken ? "8-800" : String.format("8 (9%02d) %03d-%02d-%02d", random.nextInt(10, 100),
                        random.nextInt(100, 1000), random.nextInt(10, 100), random.nextInt(10, 100));
                String home = String.format("+7 (%d) %03d-%02d-%02d", AREAS[random.nextInt(AREAS.length)],
                        random.nextInt(100, 1000), random.nextInt(10, 100), random.nextInt(10, 100));
                out.write("K-" + i + ';' + names[random.nextInt(names.length)] + ';' + mobile + ';' + home + ';'
                        + "client" + i + "@example.org;" + cities[random.nextInt(cities.length)] + ';'
                        + random.nextInt(100, 900_000) + "," + random.nextInt(10, 100) + ';'
                        + String.format("%02d.%02d.2026", random.nextInt(1, 29), random.nextInt(1, 13)) + ';'
                        + "S" + random.nextInt(1, 6) + ";Просрочка " + random.nextInt(1, 365) + " дней\n");
            }
        }
        return bad;
    }

    private static long createList(ConfigurableApplicationContext app) {
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        ContactListsSetup setup = new ContactListsSetup(jdbc);
        return setup.create();
    }

    private static Map<String, String> mapping() {
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String column : List.of("contract", "name", "mobile", "home", "email", "city", "debt", "due", "segment", "comment")) {
            mapping.put(column, "b_" + column);
        }
        return mapping;
    }

    private static double copy(DataSource dataSource, Path csv) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.createStatement().execute("""
                    create table bench_copy (contract text, name text, mobile text, home text, email text, city text,
                                             debt text, due text, segment text, comment text)""");
            long start = System.nanoTime();
            try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy bench_copy from stdin with (format csv, delimiter ';', header true)", reader);
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static double jvmCpuSeconds() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    /** CPU time of the embedded PostgreSQL's processes (Linux: from /proc), or NaN elsewhere. */
    private static double postgresCpuSeconds(Path work) {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return Double.NaN;
        }
        String dataDir = work.resolve("data").toString();
        Map<Long, String[]> stats = new java.util.HashMap<>();
        long postmaster = -1;
        try (var processes = Files.list(proc)) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    stats.put(Long.parseLong(name), stat.substring(stat.lastIndexOf(')') + 2).split(" "));
                    String command = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (command.contains("postgres") && command.contains(dataDir)) {
                        postmaster = Long.parseLong(name);
                    }
                } catch (java.io.IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        } catch (java.io.IOException e) {
            return Double.NaN;
        }
        long ticks = 0;
        for (Map.Entry<Long, String[]> process : stats.entrySet()) {
            String[] stat = process.getValue();
            if (process.getKey() == postmaster || Long.parseLong(stat[1]) == postmaster) {
                // utime, stime, and the same of waited-for children (backends that ended)
                ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]) + Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
            }
        }
        return ticks / 100.0; // USER_HZ
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    private static void resetPeakHeap() {
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    /** Fields and the list the benchmark imports into, written directly: the benchmark measures the import. */
    private record ContactListsSetup(JdbcClient jdbc) {
        long create() {
            String[][] fields = {{"contract", "TEXT", "true"}, {"name", "TEXT", "false"}, {"mobile", "PHONE", "false"},
                    {"home", "PHONE", "false"}, {"email", "EMAIL", "false"}, {"city", "TEXT", "false"},
                    {"debt", "NUMBER", "false"}, {"due", "DATE", "false"}, {"segment", "TEXT", "false"},
                    {"comment", "TEXT", "false"}};
            long listId = jdbc.sql("insert into contact_list (name, created_at, updated_at) values ('Benchmark', now(), now()) returning id")
                    .query(Long.class).single();
            int position = 1;
            for (String[] field : fields) {
                long fieldId = jdbc.sql("insert into contact_field (code, name, type, client_id, created_at, updated_at)"
                                + " values (:code, :code, :type, :client, now(), now()) returning id")
                        .param("code", "b_" + field[0]).param("type", field[1]).param("client", Boolean.parseBoolean(field[2]))
                        .query(Long.class).single();
                jdbc.sql("insert into contact_list_field (list_id, field_id, position, required) values (:l, :f, :p, false)")
                        .param("l", listId).param("f", fieldId).param("p", position++).update();
            }
            return listId;
        }
    }
}
