package org.dozvon.imports;

import java.util.List;
import java.util.Map;

/**
 * What every reader shares: blank rows are skipped (their numbers still count), the first row that is
 * not blank is the header, and a header with a cell that is not a name is refused. Each format only
 * says how to take the next raw row from its file.
 */
abstract class RowReadingFile implements TabularFile {

    private Header header;

    /** The next row of the file as it stands, blank or not; {@code null} at the end. */
    abstract RawRow readRaw();

    /** Reads the header; {@code whenEmpty} is the message for a file with no row that is not blank. */
    final void readHeader(String whenEmpty) {
        RawRow first = nextNonBlank();
        if (first == null) {
            throw new TabularFileException(whenEmpty);
        }
        if (!first.problems().isEmpty()) {
            Map.Entry<Integer, String> problem = first.problems().entrySet().iterator().next();
            throw new TabularFileException("the header's column " + (problem.getKey() + 1) + " is not a name: "
                    + problem.getValue());
        }
        header = Header.of(first.cells());
    }

    @Override
    public final List<String> header() {
        return header.names();
    }

    @Override
    public final TabularRow next() {
        RawRow row = nextNonBlank();
        return row == null ? null : header.row(row.number(), row.cells(), row.problems());
    }

    private RawRow nextNonBlank() {
        RawRow row;
        do {
            row = readRaw();
        } while (row != null && Header.isBlank(row.cells()));
        return row;
    }
}
