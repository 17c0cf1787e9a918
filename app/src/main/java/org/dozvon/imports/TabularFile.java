package org.dozvon.imports;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;

/**
 * An open contact file, read forward one row at a time with memory that does not grow with the file.
 * Obtained from {@link TabularFiles#open}; not thread-safe; close it when done.
 * <p>
 * The first row that is not blank is the header. Rows whose cells are all blank are skipped (the numbers of
 * the other rows do not change). Workbooks are read from their first sheet.
 * <p>
 * Formula cells of XLSX and XLS workbooks come out as the formula's text with its leading {@code =}
 * ({@code =HYPERLINK("http://x","y")}, {@code =1+1}): they are never evaluated, and the value Excel cached
 * in the file is never used instead, so what is imported does not depend on when the workbook was last
 * recalculated; a consumer that needs a value rejects the row with a message the user understands ("paste
 * the values"). Numbers come out as Excel shows them with the cell's number format, except that a whole
 * number in the "General" format is written with all its digits ({@code 79123456789}, never
 * {@code 7.91235E+10}); dates come out as text formatted with the cell's format.
 */
interface TabularFile extends AutoCloseable {

    /** The file name the user uploaded, for messages and the import journal. */
    String fileName();

    TabularFormat format();

    /** The character encoding a CSV file was read with (given or detected); empty for workbooks. */
    default Optional<Charset> charset() {
        return Optional.empty();
    }

    /** The delimiter a CSV file was read with (given or detected); empty for workbooks. */
    default Optional<Character> delimiter() {
        return Optional.empty();
    }

    /**
     * The column names as in the file, trimmed; never empty, no blank or duplicate (ignoring case) names.
     * Blank cells after the last named column are not columns.
     */
    List<String> header();

    /**
     * The next row that is not blank, or {@code null} at the end of the file (at once for a file that has
     * only a header).
     *
     * @throws TabularFileException when the rest of the file cannot be read (invalid bytes for the encoding,
     *                              an unclosed quote, a damaged workbook)
     */
    TabularRow next();

    @Override
    void close();
}
