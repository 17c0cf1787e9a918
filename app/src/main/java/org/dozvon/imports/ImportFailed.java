package org.dozvon.imports;

import java.time.Instant;

/**
 * An import run failed: it could not be started, or its job stopped on an error (rows committed before stay).
 *
 * @param importId the run
 * @param listName the contact list it imported into
 * @param file     the file's name (or the source's), empty when none
 * @param message  why, as the import journal shows it
 * @param at       when it failed
 */
public record ImportFailed(long importId, String listName, String file, String message, Instant at) {
}
