package org.dozvon.imports;

import java.util.List;

/**
 * One data row of a contact file.
 *
 * @param number  the row as the user sees it in a spreadsheet: the header is row 1 when it is the file's
 *                first row, the first data row after it row 2; blank rows are skipped but still counted, and
 *                for XLSX and XLS the number is the sheet's own row number
 * @param cells   one value per header column, in header order, exactly as many as {@link TabularFile#header()}
 *                has names; a missing cell is {@code ""}. Values are not trimmed. A cell over the length limit
 *                is cut to the limit (and {@code problem} says so)
 * @param problem {@code null} for a good row; otherwise why the row cannot be imported, naming the column,
 *                e.g. {@code column 'comment': the cell has 10485760 characters, at most 65536 are allowed}.
 *                Such a row is reported to the user, not fatal: the next row is read as usual
 */
record TabularRow(long number, List<String> cells, String problem) {

    TabularRow {
        cells = List.copyOf(cells);
    }

    boolean hasProblem() {
        return problem != null;
    }
}
