package org.dozvon.imports;

import java.util.List;
import java.util.Map;

/**
 * A row as a reader took it from the file, before the header decides its shape: its number, its cells,
 * and the problems found in some of them (by column index).
 */
record RawRow(long number, List<String> cells, Map<Integer, String> problems) {
}
