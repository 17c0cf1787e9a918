package org.dozvon.database;

import java.nio.file.Path;

/**
 * Another running Dozvon holds the data directory: two servers writing one PostgreSQL data
 * folder would corrupt it, so the second one refuses to start.
 */
class DataDirectoryInUseException extends RuntimeException {

    private final Path dataDir;
    private final String holder;

    DataDirectoryInUseException(Path dataDir, String holder) {
        super("Data directory " + dataDir + " is already used by another Dozvon (" + holder + ")");
        this.dataDir = dataDir;
        this.holder = holder;
    }

    Path dataDir() {
        return dataDir;
    }

    String holder() {
        return holder;
    }
}
