package org.dozvon.contacts.numbering;

import java.util.List;

/**
 * A line of an import journal: a refused row, or a region that got no time zone.
 *
 * @param column    the column's name as the file's header gives it, or null for the whole row
 * @param reasonKey a message key, with its arguments
 */
record JournalEntry(Kind kind, int line, String column, String value, String reasonKey, List<String> arguments) {

    /** The arguments as the message bundle takes them. */
    public Object[] messageArguments() {
        return arguments.toArray();
    }

    enum Kind {
        /** The row was refused and is not in the directory. */
        REJECTED,
        /** The rows of this region are in the directory without a time zone. */
        NO_ZONE
    }
}
