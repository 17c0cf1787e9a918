package org.dozvon.campaigns;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The calendar file: one date per line, {@code date;type[;name]}, for example
 * {@code 2027-01-01;HOLIDAY;Новый год}. Dates in ISO ({@code 2027-01-01}) or {@code dd.MM.yyyy}; types
 * HOLIDAY, WEEKEND or WORKDAY (or праздник, выходной, рабочий), any case; separators {@code ;},
 * TAB or {@code ,} (the first line's decides); values may be in double quotes. Blank lines and lines
 * starting with {@code #} are skipped, and so is a first line starting with "date" or "дата". UTF-8
 * (with or without a BOM), else Windows-1251.
 *
 * <p>Every bad line is reported with its number and reason; the good ones are kept.
 */
final class CalendarCsv {

    static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_NAME = 200;
    private static final DateTimeFormatter RUSSIAN_DATE = DateTimeFormatter.ofPattern("dd.MM.uuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Set<String> HEADER_WORDS = Set.of("date", "дата", "day", "день");
    private static final Map<String, DayType> TYPES = Map.of(
            "holiday", DayType.HOLIDAY, "праздник", DayType.HOLIDAY, "праздничный", DayType.HOLIDAY,
            "weekend", DayType.WEEKEND, "выходной", DayType.WEEKEND,
            "workday", DayType.WORKDAY, "рабочий", DayType.WORKDAY);

    private CalendarCsv() {
    }

    /** The file's days and problems; a problem of the whole file is thrown as {@link CalendarFileException}. */
    static Parsed parse(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new CalendarFileException("calendars.csv.tooLarge", MAX_BYTES / 1024);
        }
        String text = decode(bytes);
        String[] lines = text.split("\r\n|\n|\r", -1);
        List<WorkingCalendarStore.CalendarDay> days = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<LocalDate, Integer> seen = new HashMap<>();
        Character delimiter = null;
        boolean first = true;
        int rows = 0;
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i];
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            if (delimiter == null) {
                delimiter = line.indexOf(';') >= 0 ? ';' : line.indexOf('\t') >= 0 ? '\t' : ',';
            }
            List<String> cells = split(line, delimiter);
            if (first) {
                first = false;
                if (HEADER_WORDS.contains(cells.get(0).strip().toLowerCase(Locale.ROOT))) {
                    continue;
                }
            }
            rows++;
            if (cells.size() < 2 || cells.size() > 3) {
                problems.add(new Problem(number, line, "calendars.csv.columns", cells.size()));
                continue;
            }
            String dateText = cells.get(0).strip();
            LocalDate date = date(dateText);
            if (date == null) {
                problems.add(new Problem(number, line, "calendars.csv.date", dateText));
                continue;
            }
            if (date.getYear() < 2000 || date.getYear() > 2100) {
                problems.add(new Problem(number, line, "calendars.csv.year", dateText));
                continue;
            }
            String typeText = cells.get(1).strip();
            DayType type = type(typeText);
            if (type == null) {
                problems.add(new Problem(number, line, "calendars.csv.type", typeText));
                continue;
            }
            String name = cells.size() > 2 ? cells.get(2).strip() : "";
            if (name.length() > MAX_NAME) {
                problems.add(new Problem(number, line, "calendars.csv.nameLength", MAX_NAME));
                continue;
            }
            Integer earlier = seen.putIfAbsent(date, number);
            if (earlier != null) {
                problems.add(new Problem(number, line, "calendars.csv.duplicate", dateText, earlier));
                continue;
            }
            days.add(new WorkingCalendarStore.CalendarDay(date, type, name.isEmpty() ? null : name));
        }
        if (rows == 0) {
            throw new CalendarFileException("calendars.csv.empty");
        }
        return new Parsed(List.copyOf(days), List.copyOf(problems), rows);
    }

    /** A day type by its name or its Russian word, any case; null for anything else. */
    static DayType type(String text) {
        return text == null ? null : TYPES.get(text.strip().toLowerCase(Locale.ROOT));
    }

    static LocalDate date(String text) {
        try {
            return text.contains(".") ? LocalDate.parse(text, RUSSIAN_DATE) : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** One line as CSV writes it: {@code date;TYPE;name}, the name quoted when it needs to be. */
    static String line(WorkingCalendarStore.CalendarDay day) {
        String name = day.name() == null ? "" : day.name();
        if (name.contains(";") || name.contains("\"") || name.startsWith("=") || name.startsWith("+")
                || name.startsWith("-") || name.startsWith("@")) {
            name = "\"" + (name.matches("^[=+\\-@].*") ? "'" : "") + name.replace("\"", "\"\"") + "\"";
        }
        return day.date() + ";" + day.type() + (name.isEmpty() ? "" : ";" + name);
    }

    private static String decode(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, Charset.forName("windows-1251"));
        }
    }

    /** Cells separated by the delimiter; a cell in double quotes may hold it, and "" is a quote. */
    private static List<String> split(String line, char delimiter) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
            } else if (c == delimiter) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        while (cells.size() > 1 && cells.get(cells.size() - 1).isBlank()) {
            cells.remove(cells.size() - 1);
        }
        return cells;
    }

    record Parsed(List<WorkingCalendarStore.CalendarDay> days, List<Problem> problems, int rows) {
    }

    /** A refused line: its number (1 for the file's first line), its text, and why. */
    record Problem(int line, String text, String reasonKey, Object... arguments) {
    }

    /** The file as a whole cannot be read. */
    static final class CalendarFileException extends RuntimeException {
        private final String messageKey;
        private final transient Object[] arguments;

        CalendarFileException(String messageKey, Object... arguments) {
            super(messageKey);
            this.messageKey = messageKey;
            this.arguments = arguments;
        }

        String messageKey() {
            return messageKey;
        }

        Object[] arguments() {
            return arguments;
        }
    }
}
