package org.dozvon.contacts.numbering;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.InputStreamSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a numbering-plan file: reads it (encoding detected), then in one transaction replaces the
 * ranges of the codes it covers (or all of them) with its good rows through PostgreSQL's COPY, updates
 * the per-code and per-region counts and writes the import and its journal. After the commit the
 * in-memory index is rebuilt and swapped in. A file with no good row changes nothing, whatever the mode:
 * a wrong file must not empty the directory.
 */
@Service
class NumberingPlanImport {

    /** Journal lines kept per import; the import's counts are always complete. */
    static final int JOURNAL_LIMIT = 1000;

    private static final Logger log = LoggerFactory.getLogger(NumberingPlanImport.class);
    private static final int COPY_CHUNK = 256 * 1024;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final NumberingTimeZones timeZones;
    private final RegionTimeZones regions = RegionTimeZones.bundled();
    private final Clock clock;
    private final ReentrantLock importing = new ReentrantLock(true);

    NumberingPlanImport(DataSource dataSource, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                        NumberingTimeZones timeZones, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.timeZones = timeZones;
        this.clock = clock;
    }

    /**
     * @param file opened twice: once to detect the encoding, once to read
     * @return the import's id, for its journal
     * @throws PlanFileException when the file cannot be read as a plan file at all (nothing is changed)
     */
    long importPlan(String fileName, InputStreamSource file, ImportMode mode, String username)
            throws IOException, PlanFileException {
        long started = System.nanoTime();
        Charset charset = TextEncodings.detect(file.getInputStream());
        NumberingPlanParser.ParsedPlan plan;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(file.getInputStream(), charset), 1 << 16)) {
            plan = new NumberingPlanParser(regions).parse(reader);
        }
        long parsed = System.nanoTime();
        long id;
        long stored;
        // One import at a time in this Dozvon, from the transaction to the new index: the index is then changed
        // in the order the database was. (The table lock in store() keeps out imports of other instances.)
        importing.lock();
        try {
            id = transaction.execute(status -> store(fileName, charset, mode, username, plan, started));
            stored = System.nanoTime();
            if (!plan.ranges().isEmpty()) {
                timeZones.replaceRanges(mode == ImportMode.REPLACE_ALL ? null : plan.codes(), plan.ranges());
            }
        } finally {
            importing.unlock();
        }
        log.info("Numbering plan '{}' ({}, {}) imported by {}: {} rows read, {} inserted, {} rejected, {} without a time zone;"
                        + " read {} ms, stored {} ms, index {} ms", fileName, charset.name(), mode, username, plan.rowsRead(),
                plan.ranges().size(), plan.rejected().size(), plan.withoutZone(), (parsed - started) / 1_000_000,
                (stored - parsed) / 1_000_000, (System.nanoTime() - stored) / 1_000_000);
        return id;
    }

    private long store(String fileName, Charset charset, ImportMode mode, String username,
                       NumberingPlanParser.ParsedPlan plan, long started) {
        // one import at a time; readers of the directory are not blocked
        jdbc.execute("lock table contacts_numbering_range in share row exclusive mode");
        Integer[] codes = plan.codes().toArray(new Integer[0]);
        boolean replacing = !plan.ranges().isEmpty();
        if (replacing && mode == ImportMode.REPLACE_ALL) {
            jdbc.execute("truncate contacts_numbering_range");
            jdbc.update("delete from contacts_numbering_code");
        } else if (replacing) {
            jdbc.update("""
                    delete from contacts_numbering_range r using unnest(?::int[]) as c(code)
                    where r.first_number >= c.code * 10000000::bigint and r.first_number < (c.code + 1) * 10000000::bigint""",
                    (Object) codes);
            jdbc.update("delete from contacts_numbering_code where code = any(?::int[])", (Object) codes);
        }
        if (replacing) {
            copy(plan.ranges(), regionIds(plan.ranges()));
        }
        Long id = jdbc.queryForObject("""
                        insert into contacts_numbering_import (imported_at, imported_by, file_name, encoding, mode, codes,
                            rows_read, rows_inserted, rows_rejected, rows_without_zone, duration_ms)
                        values (?, ?, ?, ?, ?, ?::int[], ?, ?, ?, ?, 0) returning id""", Long.class,
                Timestamp.from(clock.instant()), username, fileName,
                charset.equals(StandardCharsets.UTF_8) ? "UTF-8" : charset.name(), mode.name(), codes,
                plan.rowsRead(), plan.ranges().size(), plan.rejected().size(), plan.withoutZone());
        if (replacing) {
            // the covered codes now hold exactly the file's ranges: their counts need no query
            Map<Integer, long[]> perCode = new TreeMap<>();
            for (PlanRange range : plan.ranges()) {
                long[] counts = perCode.computeIfAbsent(range.code(), code -> new long[2]);
                counts[0]++;
                counts[1] += range.capacity();
            }
            List<Object[]> codeRows = new ArrayList<>(perCode.size());
            perCode.forEach((code, counts) -> codeRows.add(new Object[] {code, PlanRange.codeType(code), counts[0], counts[1], id}));
            jdbc.batchUpdate("insert into contacts_numbering_code (code, code_type, ranges, capacity, import_id) values (?, ?, ?, ?, ?)",
                    codeRows);
            countRegions();
        }
        List<JournalEntry> journal = new ArrayList<>(plan.noZone());
        journal.addAll(plan.rejected().subList(0, Math.min(plan.rejected().size(), JOURNAL_LIMIT)));
        List<Object[]> rows = new ArrayList<>(journal.size());
        for (int i = 0; i < journal.size(); i++) {
            JournalEntry entry = journal.get(i);
            rows.add(new Object[] {id, i, entry.kind().name(), entry.line(), entry.column(), entry.value(), entry.reasonKey(),
                    entry.arguments().toArray(new String[0])});
        }
        jdbc.batchUpdate("""
                insert into contacts_numbering_import_problem
                    (import_id, position, kind, line, column_name, value, reason_key, reason_arguments)
                values (?, ?, ?, ?, ?, ?, ?, ?::text[])""", rows);
        jdbc.update("update contacts_numbering_import set duration_ms = ? where id = ?",
                (System.nanoTime() - started) / 1_000_000, id);
        return id;
    }

    /** The ids of the regions the ranges name, new regions added. */
    private Map<String, Integer> regionIds(List<PlanRange> ranges) {
        String[] names = ranges.stream().map(PlanRange::region).distinct().toArray(String[]::new);
        jdbc.update("insert into contacts_numbering_region (name) select unnest(?::text[]) on conflict (name) do nothing",
                (Object) names);
        Map<String, Integer> ids = new HashMap<>();
        jdbc.query("select id, name from contacts_numbering_region where name = any(?::text[])",
                row -> {
                    ids.put(row.getString(2), row.getInt(1));
                }, (Object) names);
        return ids;
    }

    /** Every region's counts from the ranges; regions left without ranges go. */
    private void countRegions() {
        jdbc.update("""
                update contacts_numbering_region r
                set ranges = coalesce(s.ranges, 0), ranges_without_zone = coalesce(s.unzoned, 0), time_zones = coalesce(s.zones, '')
                from contacts_numbering_region all_regions
                left join (
                    select region_id, sum(n) as ranges, coalesce(sum(n) filter (where time_zone is null), 0) as unzoned,
                           coalesce(string_agg(time_zone, ', ' order by time_zone), '') as zones
                    from (select region_id, time_zone, count(*) as n from contacts_numbering_range group by region_id, time_zone) z
                    group by region_id) s on s.region_id = all_regions.id
                where r.id = all_regions.id""");
        jdbc.update("delete from contacts_numbering_region where ranges = 0");
    }

    /** The ranges through COPY ... FROM STDIN, in text format, on the transaction's connection. */
    private void copy(List<PlanRange> ranges, Map<String, Integer> regionIds) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    copy contacts_numbering_range (first_number, last_number, code, number_from, number_to, capacity,
                        operator, region_id, inn, time_zone) from stdin""");
            try {
                StringBuilder text = new StringBuilder(COPY_CHUNK + 1024);
                for (PlanRange range : ranges) {
                    text.append(range.firstNumber()).append('\t').append(range.lastNumber()).append('\t')
                            .append(range.code()).append('\t').append(range.from()).append('\t').append(range.to())
                            .append('\t').append(range.capacity()).append('\t');
                    appendText(text, range.operator()).append('\t');
                    text.append(regionIds.get(range.region())).append('\t');
                    appendText(text, range.inn()).append('\t');
                    ZoneId zone = range.zone();
                    appendText(text, zone == null ? null : zone.getId()).append('\n');
                    if (text.length() >= COPY_CHUNK) {
                        write(in, text);
                    }
                }
                write(in, text);
                in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not copy the numbering ranges into the database", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void write(CopyIn in, StringBuilder text) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }

    /** A value in COPY's text format: \N for null, backslash, tab and line breaks escaped. */
    private static StringBuilder appendText(StringBuilder text, String value) {
        if (value == null) {
            return text.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return text;
    }
}
