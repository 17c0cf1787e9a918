package org.dozvon.contacts;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows for PostgreSQL's {@code COPY ... from stdin} in its text format: values separated by tabs, rows
 * by line ends, {@code \N} for null, and backslash, tab, line feed and carriage return escaped.
 */
final class CopyText {

    private final StringBuilder text;
    private boolean rowStarted;
    private int rows;

    CopyText(int expectedLength) {
        this.text = new StringBuilder(expectedLength);
    }

    CopyText value(long value) {
        separate();
        text.append(value);
        return this;
    }

    CopyText value(boolean value) {
        separate();
        text.append(value ? 't' : 'f');
        return this;
    }

    CopyText value(String value) {
        separate();
        if (value == null) {
            text.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return this;
    }

    CopyText endRow() {
        text.append('\n');
        rowStarted = false;
        rows++;
        return this;
    }

    int rows() {
        return rows;
    }

    /** Runs the {@code COPY ... from stdin} statement with these rows; the number of rows copied. */
    long into(Connection connection, String copyStatement) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copyStatement);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private void separate() {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
    }
}
