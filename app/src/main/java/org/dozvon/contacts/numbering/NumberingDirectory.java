package org.dozvon.contacts.numbering;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the directory page reads. The directory has some 500,000 ranges: pages are found by key (the
 * first number of the last row shown), never by offset, and nothing counts the ranges per page; the
 * counts come from the per-code and per-region tables the import keeps.
 */
@Component
class NumberingDirectory {

    static final int PAGE_SIZE = 50;
    private static final String COLUMNS = """
            select r.first_number, r.code, r.number_from, r.number_to, r.capacity, r.operator, g.name as region, r.inn,
                   r.time_zone
            from contacts_numbering_range r join contacts_numbering_region g on g.id = r.region_id""";

    private final JdbcClient jdbc;
    private final Clock clock;

    NumberingDirectory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    List<CodeTypeCount> counts() {
        return jdbc.sql("""
                        select code_type, count(*) as codes, sum(ranges) as ranges, sum(capacity) as capacity
                        from contacts_numbering_code group by code_type order by code_type""")
                .query((rs, n) -> new CodeTypeCount(rs.getString("code_type"), rs.getInt("codes"), rs.getLong("ranges"),
                        rs.getLong("capacity")))
                .list();
    }

    List<ImportSummary> recentImports(int limit) {
        return jdbc.sql("select * from contacts_numbering_import order by id desc limit :limit")
                .param("limit", limit).query(this::importSummary).list();
    }

    Optional<ImportSummary> importById(long id) {
        return jdbc.sql("select * from contacts_numbering_import where id = :id").param("id", id)
                .query(this::importSummary).optional();
    }

    List<JournalEntry> journal(long importId) {
        return jdbc.sql("""
                        select kind, line, column_name, value, reason_key, reason_arguments
                        from contacts_numbering_import_problem where import_id = :id order by position""")
                .param("id", importId)
                .query((rs, n) -> new JournalEntry(JournalEntry.Kind.valueOf(rs.getString("kind")), rs.getInt("line"),
                        rs.getString("column_name"), rs.getString("value"), rs.getString("reason_key"),
                        strings(rs.getArray("reason_arguments"))))
                .list();
    }

    List<RegionRow> regionsWithoutZone() {
        return jdbc.sql("""
                        select name, ranges, ranges_without_zone from contacts_numbering_region
                        where ranges_without_zone > 0 order by ranges_without_zone desc, name limit 100""")
                .query((rs, n) -> new RegionRow(rs.getString("name"), rs.getInt("ranges"), rs.getInt("ranges_without_zone")))
                .list();
    }

    /**
     * One page of ranges. A query of digits (spaces, brackets, dashes and a leading + allowed) finds the
     * ranges of the numbers that start with them ({@code 912}, {@code 8 912 345}, {@code +7 912 345 67 89});
     * anything else finds the ranges of the regions whose name contains it.
     *
     * @param after  the first number of the last row of the previous page, to go forward
     * @param before the first number of the first row of the next page, to go back
     */
    RangePage search(String query, Long after, Long before) {
        String text = query == null ? "" : query.strip();
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        List<String> regions = List.of();
        if (!text.isEmpty() && text.matches("[+]?[0-9 ()\\-.]*[0-9][0-9 ()\\-.]*")) {
            long[] bounds = numberBounds(text);
            if (bounds == null) {
                return RangePage.EMPTY;
            }
            // the range holding the lowest number may start before it; ranges never overlap, so only that one
            Long start = jdbc.sql("""
                            select first_number from contacts_numbering_range where first_number <= ?
                            order by first_number desc limit 1""")
                    .param(bounds[0]).query(Long.class).optional().orElse(bounds[0]);
            where.append(" and first_number >= ? and first_number <= ? and last_number >= ?");
            params.addAll(List.of(start, bounds[1], bounds[0]));
        } else if (!text.isEmpty()) {
            String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            List<Map.Entry<Integer, String>> found = jdbc.sql(
                            "select id, name from contacts_numbering_region where name ilike ? order by name limit 200")
                    .param(pattern).query((rs, n) -> Map.entry(rs.getInt("id"), rs.getString("name"))).list();
            if (found.isEmpty()) {
                return RangePage.EMPTY;
            }
            regions = found.stream().map(Map.Entry::getValue).toList();
            where.append(" and r.region_id = any(?)");
            params.add(found.stream().map(Map.Entry::getKey).toArray(Integer[]::new));
        }
        boolean backwards = before != null;
        if (backwards) {
            where.append(" and first_number < ?");
            params.add(before);
        } else if (after != null) {
            where.append(" and first_number > ?");
            params.add(after);
        }
        List<RangeRow> rows = new ArrayList<>(jdbc.sql(COLUMNS + where + " order by first_number"
                        + (backwards ? " desc" : "") + " limit " + (PAGE_SIZE + 1))
                .params(params).query(NumberingDirectory::rangeRow).list());
        boolean more = rows.size() > PAGE_SIZE;
        if (more) {
            rows.remove(rows.size() - 1);
        }
        if (backwards && !more) {
            // back at the start: the first page, full
            return search(query, null, null);
        }
        if (backwards) {
            Collections.reverse(rows);
        }
        if (rows.isEmpty()) {
            return new RangePage(List.of(), null, null, regions);
        }
        boolean hasPrevious = backwards ? more : after != null;
        boolean hasNext = backwards || more;
        return new RangePage(rows, hasPrevious ? rows.get(0).firstNumber() : null,
                hasNext ? rows.get(rows.size() - 1).firstNumber() : null, regions);
    }

    /** The lowest and highest ten-digit national number starting with the query's digits; null for none. */
    static long[] numberBounds(String query) {
        String digits = query.replaceAll("[^0-9]", "");
        if (query.startsWith("+") || digits.length() == 11) {
            if (digits.startsWith("7") || !query.startsWith("+") && digits.length() == 11 && digits.startsWith("8")) {
                digits = digits.substring(1);
            } else {
                return null;
            }
        }
        if (digits.isEmpty() || digits.length() > 10) {
            return null;
        }
        String low = (digits + "0000000000").substring(0, 10);
        String high = (digits + "9999999999").substring(0, 10);
        return new long[] {Long.parseLong(low), Long.parseLong(high)};
    }

    private ImportSummary importSummary(ResultSet rs, int row) throws SQLException {
        Integer[] codes = (Integer[]) rs.getArray("codes").getArray();
        return new ImportSummary(rs.getLong("id"),
                rs.getObject("imported_at", OffsetDateTime.class).atZoneSameInstant(clock.getZone()).toLocalDateTime(),
                rs.getString("imported_by"), rs.getString("file_name"), rs.getString("encoding"),
                ImportMode.valueOf(rs.getString("mode")), compactCodes(codes), rs.getInt("rows_read"),
                rs.getInt("rows_inserted"), rs.getInt("rows_rejected"), rs.getInt("rows_without_zone"),
                rs.getLong("duration_ms"));
    }

    private static RangeRow rangeRow(ResultSet rs, int row) throws SQLException {
        int code = rs.getInt("code");
        return new RangeRow(rs.getLong("first_number"), PlanRange.codeType(code), code,
                String.format("%07d", rs.getInt("number_from")), String.format("%07d", rs.getInt("number_to")),
                rs.getInt("capacity"), rs.getString("operator"), rs.getString("region"), rs.getString("inn"),
                rs.getString("time_zone"));
    }

    /** 301, 302, 303, 336 → "301–303, 336". */
    static String compactCodes(Integer[] codes) {
        int[] sorted = Arrays.stream(codes).mapToInt(Integer::intValue).sorted().toArray();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sorted.length; i++) {
            int start = sorted[i];
            while (i + 1 < sorted.length && sorted[i + 1] == sorted[i] + 1) {
                i++;
            }
            text.append(text.isEmpty() ? "" : ", ").append(start);
            if (sorted[i] != start) {
                text.append('–').append(sorted[i]);
            }
        }
        return text.toString();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    record CodeTypeCount(String codeType, int codes, long ranges, long capacity) {
    }

    record ImportSummary(long id, LocalDateTime importedAt, String importedBy, String fileName, String encoding,
                         ImportMode mode, String codes, int rowsRead, int rowsInserted, int rowsRejected,
                         int rowsWithoutZone, long durationMs) {
    }

    record RegionRow(String name, int ranges, int rangesWithoutZone) {
    }

    record RangeRow(long firstNumber, String codeType, int code, String from, String to, int capacity, String operator,
                    String region, String inn, String timeZone) {
    }

    /**
     * @param previous the key to go back with ({@code before}), null on the first page
     * @param next     the key to go on with ({@code after}), null on the last page
     * @param regions  the regions a text query matched
     */
    record RangePage(List<RangeRow> rows, Long previous, Long next, List<String> regions) {
        static final RangePage EMPTY = new RangePage(List.of(), null, null, List.of());
    }
}
