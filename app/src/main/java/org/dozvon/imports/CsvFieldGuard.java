package org.dozvon.imports;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Sits between the decoded text and Commons CSV and keeps one field from filling the memory. Commons CSV
 * collects a whole field before handing it over and has no limit: a 1 GB cell, or a quote that is never
 * closed (which makes the rest of the file one field), would be read into memory entirely.
 * <p>
 * So this reader follows the quoting the way Commons CSV does (RFC 4180: {@code "} quotes, {@code ""}
 * inside quotes is one quote, CR, LF or CRLF end a record outside quotes, blanks may follow a closing
 * quote) and lets at most {@code maxCellLength + 1} characters of a field's value through: Commons CSV still
 * parses every value, and a value one character too long tells that the cell was over the limit. The full
 * lengths of those fields are queued, in file order, for {@link #takeOversizedLength()}. It also fails
 * early, with the line, where Commons CSV would fail late or vaguely: an unclosed quote, text after a
 * closing quote, a row of more than {@value #MAX_CELLS_PER_ROW} cells.
 */
final class CsvFieldGuard extends Reader {

    /** Excel's own limit of columns. */
    static final int MAX_CELLS_PER_ROW = 16_384;

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED, AFTER_CLOSING_QUOTE }

    private final Reader in;
    private final char delimiter;
    private final long keep;
    private final char[] input = new char[8192];
    // a character of input may release two of output (a held-back quote and itself)
    private final char[] output = new char[2 * 8192];
    private int outputStart;
    private int outputEnd;
    private boolean ended;

    private State state = State.FIELD_START;
    private long fieldLength;
    private int cellsInRow = 1;
    private long line = 1;
    private long quoteLine;
    private boolean afterCarriageReturn;
    private final Deque<Long> oversizedLengths = new ArrayDeque<>();

    CsvFieldGuard(Reader in, char delimiter, int maxCellLength) {
        this.in = in;
        this.delimiter = delimiter;
        this.keep = maxCellLength + 1L;
    }

    /**
     * The full length of the next field, in file order, whose value was cut because it was longer than
     * the limit; call it once for every value Commons CSV returns over the limit.
     */
    long takeOversizedLength() {
        Long length = oversizedLengths.poll();
        return length == null ? keep : length;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (outputStart == outputEnd) {
            if (ended) {
                return -1;
            }
            outputStart = 0;
            outputEnd = 0;
            int read = in.read(input, 0, input.length);
            if (read < 0) {
                endOfInput();
                ended = true;
            }
            for (int i = 0; i < read; i++) {
                accept(input[i]);
            }
        }
        int count = Math.min(length, outputEnd - outputStart);
        System.arraycopy(output, outputStart, buffer, offset, count);
        outputStart += count;
        return count;
    }

    private void accept(char c) {
        switch (state) {
            case FIELD_START, UNQUOTED -> {
                if (c == delimiter) {
                    endField();
                    emit(c);
                    nextCell();
                } else if (c == '\r' || c == '\n') {
                    endField();
                    emit(c);
                    cellsInRow = 1;
                } else if (c == '"' && state == State.FIELD_START) {
                    state = State.QUOTED;
                    quoteLine = line;
                    emit(c);
                } else {
                    state = State.UNQUOTED;
                    content(c);
                }
            }
            case QUOTED -> {
                if (c == '"') {
                    // a closing quote or the first of two: the next character tells, so hold it back
                    state = State.QUOTE_IN_QUOTED;
                } else {
                    content(c);
                }
            }
            case QUOTE_IN_QUOTED -> {
                if (c == '"') {
                    state = State.QUOTED;
                    fieldLength++;
                    if (fieldLength <= keep) {
                        emit('"');
                        emit('"');
                    }
                } else {
                    emit('"');
                    state = State.AFTER_CLOSING_QUOTE;
                    afterClosingQuote(c);
                }
            }
            case AFTER_CLOSING_QUOTE -> afterClosingQuote(c);
        }
        countLine(c);
    }

    private void afterClosingQuote(char c) {
        if (c == delimiter) {
            endField();
            emit(c);
            nextCell();
        } else if (c == '\r' || c == '\n') {
            endField();
            emit(c);
            cellsInRow = 1;
        } else if (Character.isWhitespace(c)) {
            emit(c);
        } else {
            throw new TabularFileException("line " + line + ": a quoted value is followed by '" + c
                    + "' instead of the delimiter " + CsvFile.describe(delimiter)
                    + " (a quote inside a quoted value must be doubled: \"\")");
        }
    }

    private void content(char c) {
        fieldLength++;
        if (fieldLength <= keep) {
            emit(c);
        }
    }

    private void endField() {
        if (fieldLength > keep - 1) {
            oversizedLengths.add(fieldLength);
        }
        fieldLength = 0;
        state = State.FIELD_START;
    }

    private void nextCell() {
        if (++cellsInRow > MAX_CELLS_PER_ROW) {
            throw new TabularFileException("line " + line + ": the row has more than " + MAX_CELLS_PER_ROW + " cells");
        }
    }

    private void endOfInput() {
        if (state == State.QUOTED) {
            throw new TabularFileException("line " + quoteLine + ": a quoted value is never closed (a \" is missing)");
        }
        if (state == State.QUOTE_IN_QUOTED) {
            emit('"');
        }
        endField();
    }

    private void emit(char c) {
        output[outputEnd++] = c;
    }

    private void countLine(char c) {
        if (c == '\n') {
            if (!afterCarriageReturn) {
                line++;
            }
            afterCarriageReturn = false;
        } else if (c == '\r') {
            line++;
            afterCarriageReturn = true;
        } else {
            afterCarriageReturn = false;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
