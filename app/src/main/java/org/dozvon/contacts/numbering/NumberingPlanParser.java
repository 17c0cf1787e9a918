package org.dozvon.contacts.numbering;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads a numbering-plan file as the regulator publishes it: {@code ;}-separated, a header
 * {@code АВС/ DEF;От;До;Емкость;Оператор;Регион} with optional {@code ИНН} and {@code Территория ГАР}
 * columns in any order (names matched loosely), one range a row. A bad row is refused with its line,
 * column, value and reason; the others are kept. Ranges that overlap an earlier row are refused too, so
 * the directory never holds two ranges for one number.
 */
final class NumberingPlanParser {

    enum Column {
        CODE(true, "АВС/ DEF", "ABC/DEF", "ABC", "DEF", "Код"),
        FROM(true, "От", "From", "Начало"),
        TO(true, "До", "To", "Конец"),
        CAPACITY(false, "Емкость", "Capacity"),
        OPERATOR(false, "Оператор", "Operator"),
        REGION(true, "Регион", "Region"),
        INN(false, "ИНН", "INN"),
        /** The newer files' locality|region column; a more precise source of the zone than the region. */
        TERRITORY(false, "Территория ГАР", "Территория");

        final boolean required;
        /** The name the regulator's files use. */
        final String displayName;
        final List<String> names;

        Column(boolean required, String... names) {
            this.required = required;
            this.displayName = names[0];
            this.names = List.of(names).stream().map(DelimitedLines::canonicalHeader).toList();
        }

        static Optional<Column> of(String header) {
            String canonical = DelimitedLines.canonicalHeader(header);
            for (Column column : values()) {
                if (column.names.contains(canonical)) {
                    return Optional.of(column);
                }
            }
            return Optional.empty();
        }
    }

    private static final int MAX_VALUE_LENGTH = 200;

    private final RegionTimeZones regions;

    NumberingPlanParser(RegionTimeZones regions) {
        this.regions = regions;
    }

    ParsedPlan parse(BufferedReader reader) throws IOException, PlanFileException {
        String line;
        int lineNumber = 0;
        do {
            line = reader.readLine();
            lineNumber++;
        } while (line != null && line.isBlank());
        if (line == null) {
            throw new PlanFileException("numbering.file.empty");
        }
        Header header = header(line, lineNumber);
        Rows rows = new Rows(header);
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (!line.isBlank()) {
                rows.read(line, lineNumber);
            }
        }
        return rows.finish();
    }

    private static Header header(String line, int lineNumber) throws PlanFileException {
        List<String> names = DelimitedLines.split(line.replace("\uFEFF", ""), ';');
        Map<Column, Integer> positions = new EnumMap<>(Column.class);
        for (int i = 0; i < names.size(); i++) {
            int position = i;
            Column.of(names.get(i)).ifPresent(column -> positions.putIfAbsent(column, position));
        }
        List<String> missing = new ArrayList<>();
        for (Column column : Column.values()) {
            if (column.required && !positions.containsKey(column)) {
                missing.add("«" + column.displayName + "»");
            }
        }
        if (!missing.isEmpty()) {
            throw new PlanFileException("numbering.file.header", lineNumber,
                    String.join(", ", missing),
                    shorten(line));
        }
        return new Header(names, positions);
    }

    private record Header(List<String> names, Map<Column, Integer> positions) {

        String nameOf(Column column) {
            Integer position = positions.get(column);
            return position == null ? null : names.get(position);
        }

        String value(List<String> fields, Column column) {
            Integer position = positions.get(column);
            return position == null || position >= fields.size() ? "" : fields.get(position);
        }
    }

    /** The rows read so far, and what was wrong with the others. */
    private final class Rows {

        private final Header header;
        private final List<PlanRange> ranges = new ArrayList<>();
        private final List<JournalEntry> rejected = new ArrayList<>();
        private final Map<String, String> strings = new HashMap<>();
        private final Map<String, Optional<ZoneId>> zones = new HashMap<>();
        private final int requiredColumns;
        private int read;

        Rows(Header header) {
            this.header = header;
            this.requiredColumns = header.positions().entrySet().stream()
                    .filter(entry -> entry.getKey().required)
                    .mapToInt(Map.Entry::getValue).max().orElse(0) + 1;
        }

        void read(String line, int lineNumber) {
            read++;
            List<String> fields = DelimitedLines.split(line, ';');
            if (fields.size() < requiredColumns || fields.size() > header.names().size()
                    && fields.subList(header.names().size(), fields.size()).stream().anyMatch(field -> !field.isEmpty())) {
                reject(lineNumber, null, line, "numbering.reject.columns",
                        String.valueOf(header.names().size()), String.valueOf(fields.size()));
                return;
            }
            String codeText = header.value(fields, Column.CODE);
            if (!digits(codeText, 3, 3) || Integer.parseInt(codeText) < 300) {
                reject(lineNumber, Column.CODE, codeText, "numbering.reject.code");
                return;
            }
            String fromText = header.value(fields, Column.FROM);
            if (!digits(fromText, 1, 7)) {
                reject(lineNumber, Column.FROM, fromText, "numbering.reject.number");
                return;
            }
            String toText = header.value(fields, Column.TO);
            if (!digits(toText, 1, 7)) {
                reject(lineNumber, Column.TO, toText, "numbering.reject.number");
                return;
            }
            int from = Integer.parseInt(fromText);
            int to = Integer.parseInt(toText);
            if (to < from) {
                reject(lineNumber, Column.TO, toText, "numbering.reject.order", fromText);
                return;
            }
            String capacityText = header.value(fields, Column.CAPACITY).replace(" ", "").replace("\u00A0", "");
            int capacity = to - from + 1;
            if (!capacityText.isEmpty() && (!digits(capacityText, 1, 8) || Integer.parseInt(capacityText) != capacity)) {
                reject(lineNumber, Column.CAPACITY, capacityText, "numbering.reject.capacity", String.valueOf(capacity));
                return;
            }
            String inn = header.value(fields, Column.INN);
            if (!inn.isEmpty() && !(digits(inn, 10, 10) || digits(inn, 12, 12))) {
                reject(lineNumber, Column.INN, inn, "numbering.reject.inn");
                return;
            }
            String region = shared(header.value(fields, Column.REGION));
            String territory = header.value(fields, Column.TERRITORY);
            ZoneId zone = zone(territory).or(() -> zone(region)).orElse(null);
            ranges.add(new PlanRange(lineNumber, Integer.parseInt(codeText), from, to, capacity,
                    shared(header.value(fields, Column.OPERATOR)), region, inn.isEmpty() ? null : shared(inn), zone));
        }

        ParsedPlan finish() {
            ranges.sort(Comparator.comparingLong(PlanRange::firstNumber).thenComparingInt(PlanRange::line));
            List<PlanRange> kept = new ArrayList<>(ranges.size());
            for (PlanRange range : ranges) {
                PlanRange previous = kept.isEmpty() ? null : kept.get(kept.size() - 1);
                if (previous != null && range.firstNumber() <= previous.lastNumber()) {
                    reject(range.line(), Column.FROM, String.format("%03d %07d–%07d", range.code(), range.from(), range.to()),
                            "numbering.reject.overlap", String.valueOf(previous.line()));
                } else {
                    kept.add(range);
                }
            }
            rejected.sort(Comparator.comparingInt(JournalEntry::line));

            Map<String, int[]> unzoned = new LinkedHashMap<>();
            SortedSet<Integer> codes = new TreeSet<>();
            int withoutZone = 0;
            for (PlanRange range : kept) {
                codes.add(range.code());
                if (range.zone() == null) {
                    withoutZone++;
                    unzoned.computeIfAbsent(range.region(), region -> new int[] {range.line(), 0})[1]++;
                }
            }
            List<JournalEntry> noZone = new ArrayList<>();
            unzoned.forEach((region, firstLineAndCount) -> noZone.add(new JournalEntry(JournalEntry.Kind.NO_ZONE,
                    firstLineAndCount[0], header.nameOf(Column.REGION), region, "numbering.journal.noZone",
                    List.of(String.valueOf(firstLineAndCount[1])))));
            noZone.sort(Comparator.comparingInt(JournalEntry::line));
            return new ParsedPlan(List.copyOf(kept), List.copyOf(rejected), List.copyOf(noZone), read, codes, withoutZone);
        }

        private Optional<ZoneId> zone(String region) {
            return region.isEmpty() ? Optional.empty() : zones.computeIfAbsent(region, regions::zoneOf);
        }

        private void reject(int line, Column column, String value, String reasonKey, String... arguments) {
            rejected.add(new JournalEntry(JournalEntry.Kind.REJECTED, line, column == null ? null : header.nameOf(column),
                    shorten(value), reasonKey, List.of(arguments)));
        }

        /** 500,000 rows name a few hundred operators and regions: one string each. */
        private String shared(String value) {
            return strings.computeIfAbsent(value, v -> v);
        }
    }

    private static boolean digits(String text, int min, int max) {
        if (text.length() < min || text.length() > max) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String shorten(String value) {
        return value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH) + "…";
    }

    /**
     * @param ranges      the kept ranges in number order
     * @param rejected    every refused row, in line order
     * @param noZone      one entry per region without a zone: its first line, and the count as argument
     * @param rowsRead    data rows (not the header, not blank lines)
     * @param codes       the codes of the kept ranges: what an import of this file replaces
     * @param withoutZone kept ranges without a zone
     */
    record ParsedPlan(List<PlanRange> ranges, List<JournalEntry> rejected, List<JournalEntry> noZone, int rowsRead,
                      SortedSet<Integer> codes, int withoutZone) {
    }
}
