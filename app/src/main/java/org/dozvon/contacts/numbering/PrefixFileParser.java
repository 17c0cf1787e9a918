package org.dozvon.contacts.numbering;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a prefix file: {@code code;name;utc} rows ({@code ;}, tab or {@code ,} separated), with or
 * without a header. A header names its columns ({@code Код}, {@code Наименование}, {@code UTC} and their
 * English twins, in any order); without one the columns are code, name, zone. A bad row is refused with
 * its line, column, value and reason; the others are kept.
 */
final class PrefixFileParser {

    private enum Column {
        CODE("Код", "Code", "Prefix", "Префикс", "Телефонный код"),
        NAME("Наименование", "Name", "Название"),
        ZONE("UTC", "Zone", "Time zone", "Timezone", "Тайм-зона", "Таймзона", "Часовой пояс", "Смещение", "UTC offset");

        final List<String> names;

        Column(String... names) {
            this.names = List.of(names).stream().map(name -> DelimitedLines.canonicalHeader(name.replace("-", ""))).toList();
        }

        static Optional<Column> of(String header) {
            String canonical = DelimitedLines.canonicalHeader(header.replace("-", ""));
            for (Column column : values()) {
                if (column.names.contains(canonical)) {
                    return Optional.of(column);
                }
            }
            return Optional.empty();
        }
    }

    private PrefixFileParser() {
    }

    static ParsedPrefixes parse(BufferedReader reader) throws IOException, PlanFileException {
        String line;
        int lineNumber = 0;
        do {
            line = reader.readLine();
            lineNumber++;
        } while (line != null && line.isBlank());
        if (line == null) {
            throw new PlanFileException("prefixes.file.empty");
        }
        line = line.replace("\uFEFF", "");
        char separator = line.indexOf(';') >= 0 ? ';' : line.indexOf('\t') >= 0 ? '\t' : ',';
        List<String> first = DelimitedLines.split(line, separator);
        Map<Column, Integer> positions = new HashMap<>();
        List<String> names = first;
        if (PhonePrefixes.normaliseCode(first.get(0)) != null) {
            positions.put(Column.CODE, 0);
            positions.put(Column.NAME, 1);
            positions.put(Column.ZONE, 2);
            names = List.of("code", "name", "utc");
        } else {
            for (int i = 0; i < first.size(); i++) {
                int position = i;
                Column.of(first.get(i)).ifPresent(column -> positions.putIfAbsent(column, position));
            }
            if (positions.size() < Column.values().length) {
                throw new PlanFileException("prefixes.file.header", shorten(line));
            }
            line = null;
        }
        List<PrefixLine> kept = new ArrayList<>();
        List<JournalEntry> rejected = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int read = 0;
        while (true) {
            if (line == null) {
                line = reader.readLine();
                lineNumber++;
                if (line == null) {
                    break;
                }
            }
            if (!line.isBlank()) {
                read++;
                read(DelimitedLines.split(line, separator), line, lineNumber, positions, names, kept, rejected, seen);
            }
            line = null;
        }
        return new ParsedPrefixes(kept, rejected, read);
    }

    private static void read(List<String> fields, String line, int lineNumber, Map<Column, Integer> positions,
                             List<String> names, List<PrefixLine> kept, List<JournalEntry> rejected, Map<String, Integer> seen) {
        int needed = positions.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        if (fields.size() < needed) {
            rejected.add(entry(lineNumber, null, line, "prefixes.reject.columns", String.valueOf(needed),
                    String.valueOf(fields.size())));
            return;
        }
        String codeText = fields.get(positions.get(Column.CODE));
        String code = PhonePrefixes.normaliseCode(codeText);
        String codeColumn = names.get(positions.get(Column.CODE));
        if (code == null) {
            rejected.add(entry(lineNumber, codeColumn, codeText, "prefixes.reject.code"));
            return;
        }
        String name = fields.get(positions.get(Column.NAME)).strip();
        if (name.isEmpty() || name.length() > PhonePrefixes.NAME_LENGTH) {
            rejected.add(entry(lineNumber, names.get(positions.get(Column.NAME)), name, "prefixes.reject.name",
                    String.valueOf(PhonePrefixes.NAME_LENGTH)));
            return;
        }
        String zoneText = fields.get(positions.get(Column.ZONE));
        Optional<ZoneId> zone = ZoneTexts.parse(zoneText);
        if (zone.isEmpty()) {
            rejected.add(entry(lineNumber, names.get(positions.get(Column.ZONE)), zoneText, "prefixes.reject.zone"));
            return;
        }
        Integer earlier = seen.putIfAbsent(code, lineNumber);
        if (earlier != null) {
            rejected.add(entry(lineNumber, codeColumn, codeText, "prefixes.reject.duplicate", String.valueOf(earlier)));
            return;
        }
        kept.add(new PrefixLine(lineNumber, new PhonePrefix(code, name, zone.get())));
    }

    private static JournalEntry entry(int line, String column, String value, String reasonKey, String... arguments) {
        return new JournalEntry(JournalEntry.Kind.REJECTED, line, column, shorten(value), reasonKey, List.of(arguments));
    }

    private static String shorten(String value) {
        return value.length() <= 200 ? value : value.substring(0, 200) + "…";
    }

    record PrefixLine(int line, PhonePrefix prefix) {
    }

    record ParsedPrefixes(List<PrefixLine> prefixes, List<JournalEntry> rejected, int rowsRead) {
    }
}
