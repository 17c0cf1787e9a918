package org.dozvon.contacts.numbering;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fields of one line of a {@code ;}-separated file as spreadsheets and the regulator write them: a
 * field may be quoted ({@code "ООО ""Ромашка"""}), an unquoted field keeps its quotes as they are
 * ({@code ПАО "МегаФон"}), spaces around a field do not count.
 */
final class DelimitedLines {

    private DelimitedLines() {
    }

    static List<String> split(String line, char separator) {
        List<String> fields = new ArrayList<>(8);
        int length = line.length();
        int position = 0;
        while (true) {
            int start = position;
            while (start < length && line.charAt(start) == ' ') {
                start++;
            }
            if (start < length && line.charAt(start) == '"') {
                int end = closingQuote(line, start + 1, separator);
                if (end >= 0) {
                    fields.add(line.substring(start + 1, end).replace("\"\"", "\""));
                    int next = line.indexOf(separator, end + 1);
                    if (next < 0) {
                        return fields;
                    }
                    position = next + 1;
                    continue;
                }
            }
            int next = line.indexOf(separator, position);
            if (next < 0) {
                fields.add(line.substring(position).strip());
                return fields;
            }
            fields.add(line.substring(position, next).strip());
            position = next + 1;
        }
    }

    /**
     * The quote closing a quoted field that starts after {@code from}: a single quote followed by spaces
     * and the separator or the end of the line; -1 when the field is not properly quoted after all.
     */
    private static int closingQuote(String line, int from, char separator) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    i += 2;
                    continue;
                }
                int after = i + 1;
                while (after < line.length() && line.charAt(after) == ' ') {
                    after++;
                }
                return after == line.length() || line.charAt(after) == separator ? i : -1;
            }
            i++;
        }
        return -1;
    }

    /**
     * A column name reduced to what identifies it: letter case, spaces, quotes, ё and the Latin letters
     * that look like Cyrillic ones ("АВС" typed with either alphabet) do not count.
     */
    static String canonicalHeader(String name) {
        StringBuilder canonical = new StringBuilder(name.length());
        for (char c : name.toUpperCase(Locale.ROOT).toCharArray()) {
            if (Character.isWhitespace(c) || c == '"' || c == '\uFEFF' || c == '_' || c == '.') {
                continue;
            }
            canonical.append(switch (c) {
                case 'А' -> 'A';
                case 'В' -> 'B';
                case 'С' -> 'C';
                case 'Е', 'Ё' -> 'E';
                case 'Н' -> 'H';
                case 'К' -> 'K';
                case 'М' -> 'M';
                case 'О' -> 'O';
                case 'Р' -> 'P';
                case 'Т' -> 'T';
                case 'Х' -> 'X';
                default -> c;
            });
        }
        return canonical.toString();
    }
}
