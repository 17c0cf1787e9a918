package org.dozvon.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header row of a contact file, and the shaping of data rows to it; the same rules for every format.
 */
final class Header {

    private final List<String> names;

    private Header(List<String> names) {
        this.names = List.copyOf(names);
    }

    /**
     * @param cells the header row's cells, not blank as a whole
     * @throws TabularFileException for a column without a name or two columns of the same name
     */
    static Header of(List<String> cells) {
        int end = cells.size();
        // Excel exports blank cells after the last column that was ever formatted: they are not columns
        while (end > 0 && cells.get(end - 1).isBlank()) {
            end--;
        }
        List<String> names = new ArrayList<>(end);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < end; i++) {
            String name = cells.get(i).strip();
            if (name.isEmpty()) {
                throw new TabularFileException("column " + (i + 1) + " has no name");
            }
            Integer earlier = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
            if (earlier != null) {
                throw new TabularFileException("columns " + (earlier + 1) + " and " + (i + 1) + " are both named '"
                        + names.get(earlier) + "'");
            }
            names.add(name);
        }
        return new Header(names);
    }

    static boolean isBlank(List<String> cells) {
        for (String cell : cells) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

    static String tooLong(long length, int maxCellLength) {
        return "the cell has " + length + " characters, at most " + maxCellLength + " are allowed";
    }

    List<String> names() {
        return names;
    }

    /**
     * Shapes a data row to the header: missing cells become {@code ""}, cells past the last column must be
     * blank, and the problems of single cells are named after their columns.
     *
     * @param cellProblems reasons by 0-based cell index, without the column's name
     */
    TabularRow row(long number, List<String> cells, Map<Integer, String> cellProblems) {
        List<String> values = new ArrayList<>(names.size());
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < Math.max(cells.size(), names.size()); i++) {
            String value = i < cells.size() ? cells.get(i) : "";
            String problem = cellProblems.get(i);
            if (i < names.size()) {
                values.add(value);
                if (problem != null) {
                    problems.add("column '" + names.get(i) + "': " + problem);
                }
            } else if (!value.isBlank() || problem != null) {
                problems.add("column " + (i + 1) + " has a value but no name in the header");
            }
        }
        return new TabularRow(number, values, problems.isEmpty() ? null : String.join("; ", problems));
    }
}
