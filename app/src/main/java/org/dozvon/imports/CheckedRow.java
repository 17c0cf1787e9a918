package org.dozvon.imports;

import org.dozvon.contacts.CheckedContact;

/**
 * One file row after checking against the list.
 *
 * @param number  the row's number in the file (as {@link TabularRow#number()})
 * @param problem the row's own problem (as {@link TabularRow#problem()}), or null
 * @param contact the row's values checked against the list, their problems inside; null with a problem
 */
record CheckedRow(long number, String problem, CheckedContact contact) {
}
