package org.dozvon.imports;

import java.time.Instant;

/**
 * An import run ended, completed or failed (a run stopped by a shutdown has not ended: it resumes at the next start).
 * Published in the transaction that records the end in the import journal, so a listener that writes in it commits or
 * rolls back with that record. A failed run also publishes {@link ImportFailed}.
 *
 * @param importId the run
 * @param listId   the contact list it imported into
 * @param listName that list's name
 * @param fileName the file's name (or the source's), empty when none
 * @param source   where the file came from: UPLOAD, API, FOLDER, SFTP or DATABASE
 * @param status   how it ended
 * @param read     rows read
 * @param inserted contacts added
 * @param updated  contacts changed
 * @param rejected rows refused (the journal says why)
 * @param message  why it failed; null when it completed
 * @param at       when it ended
 */
public record ImportFinished(long importId, long listId, String listName, String fileName, String source, Status status,
                             long read, long inserted, long updated, long rejected, String message, Instant at) {

    public enum Status { COMPLETED, FAILED }
}
