package org.dozvon.imports;

import java.time.Instant;
import java.util.Map;

/**
 * One import of contacts into a list, as its journal shows it.
 *
 * @param mapping file column name → list field code
 */
record ImportRun(long id, long listId, String listName, Source source, String fileName, String storedFile,
                 Map<String, String> mapping, boolean clearFirst, boolean updateExisting, Status status,
                 long read, long inserted, long updated, long rejected, Long estimatedRows, String message,
                 String startedBy, Instant createdAt, Instant startedAt, Instant finishedAt) {

    enum Source { UPLOAD, API, FOLDER, SFTP, DATABASE }

    enum Status { QUEUED, RUNNING, COMPLETED, FAILED }

    boolean finished() {
        return status == Status.COMPLETED || status == Status.FAILED;
    }

    /** 0–100 when the number of rows is known, otherwise null. */
    Integer percent() {
        if (status == Status.COMPLETED) {
            return 100;
        }
        if (estimatedRows == null || estimatedRows <= 0) {
            return null;
        }
        return (int) Math.min(99, read * 100 / estimatedRows);
    }
}
