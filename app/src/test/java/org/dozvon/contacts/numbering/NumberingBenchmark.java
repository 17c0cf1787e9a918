package org.dozvon.contacts.numbering;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.dozvon.DozvonApplication;
import org.dozvon.TestDataDirectories;
import org.dozvon.contacts.PhoneTimeZones;
import org.dozvon.contacts.ZoneSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ByteArrayResource;

/**
 * {@code bin/bench numbering}: the speed of a full-size directory. Imports the four plan files of the
 * whole Russian plan (some 500,000 ranges, generated) into a fresh embedded PostgreSQL and looks
 * numbers up. Prints figures; asserts nothing.
 */
public final class NumberingBenchmark {

    private static final List<String> REGIONS = List.of("г. Москва и Московская область", "Свердловская обл.",
            "Республика Татарстан", "Красноярский край", "Приморский край", "Калининградская обл.", "Камчатский край",
            "Новосибирская обл.", "Республика Саха /Якутия/", "Российская Федерация");

    public static void main(String[] args) throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DozvonApplication.class).run(
                "--server.port=0", "--DOZVON_DATA_DIR=" + TestDataDirectories.fresh("bench-numbering"),
                "--DOZVON_ADMIN_PASSWORD=Benchmark-pass-1", "--DOZVON_DB_URL=", "--logging.level.root=warn")) {
            run(app.getBean(NumberingPlanImport.class), app.getBean(PhoneTimeZones.class));
        }
    }

    private static void run(NumberingPlanImport importer, PhoneTimeZones timeZones) throws Exception {
        // the regulator's files: ABC-3xx, ABC-4xx, ABC-8xx (geographic), DEF-9xx (mobile, the biggest)
        int[][] files = {{300, 399, 700}, {400, 499, 500}, {800, 899, 800}, {900, 999, 2900}};
        String[] names = {"ABC-3xx.csv", "ABC-4xx.csv", "ABC-8xx.csv", "DEF-9xx.csv"};
        Charset[] charsets = {TextEncodings.WINDOWS_1251, StandardCharsets.UTF_8, TextEncodings.WINDOWS_1251,
                StandardCharsets.UTF_8};
        int total = 0;
        long allStarted = System.nanoTime();
        for (int f = 0; f < files.length; f++) {
            PlanFiles plan = PlanFiles.standard();
            int rows = 0;
            for (int code = files[f][0]; code <= files[f][1]; code++) {
                int perCode = files[f][2] * 100 / (files[f][1] - files[f][0] + 1);
                int size = 10_000_000 / perCode;
                for (int i = 0; i < perCode; i++, rows++) {
                    plan.range(code, i * size, i * size + size - 1, "ПАО \"Оператор " + (rows % 300) + "\"",
                            REGIONS.get(rows % REGIONS.size()), "7707049388");
                }
            }
            byte[] bytes = plan.bytes(charsets[f]);
            long started = System.nanoTime();
            importer.importPlan(names[f], new ByteArrayResource(bytes), ImportMode.REPLACE_CODES, "benchmark");
            long millis = (System.nanoTime() - started) / 1_000_000;
            total += rows;
            System.out.printf("BENCHMARK numbering import %s: %,d rows, %,d KB, %s: %,d ms (%,d rows/s)%n", names[f], rows,
                    bytes.length / 1024, charsets[f].name(), millis, rows * 1000L / Math.max(1, millis));
        }
        System.out.printf("BENCHMARK numbering import of all four files: %,d rows in %,d ms%n", total,
                (System.nanoTime() - allStarted) / 1_000_000);

        long started = System.nanoTime();
        int inRanges = 0;
        long number = 73_000_000_000L;
        for (int i = 0; i < 1_000_000; i++) {
            number = 73_000_000_000L + (number * 6_364_136_223_846_793L + 1_442_695_040_888_963_407L >>> 1) % 7_000_000_000L;
            if (timeZones.resolve("+" + number, null, null).source() == ZoneSource.NUMBERING_RANGE) {
                inRanges++;
            }
        }
        long nanos = System.nanoTime() - started;
        System.out.printf("BENCHMARK numbering lookups: 1,000,000 in %,d ms (%,d lookups/s), %,d in a range%n",
                nanos / 1_000_000, 1_000_000L * 1_000_000_000L / nanos, inRanges);
        System.out.printf(java.util.Locale.ROOT, "numbering rows=%d import_ms=%d lookups_per_s=%d%n", total,
                (started - allStarted) / 1_000_000, 1_000_000L * 1_000_000_000L / nanos);
    }
}
