package org.dozvon.imports;

import java.time.Instant;
import java.util.Map;

/**
 * A scheduled source of contacts for one list.
 *
 * @param mapping  source column name → list field code, as an upload's mapping
 * @param hostKey  SFTP only: the fingerprint of the server's key, remembered at the first connection
 */
record ImportSource(long id, String name, long listId, String listName, Kind kind, boolean enabled, String cron,
                    SourceSettings settings, Map<String, String> mapping, boolean clearFirst, boolean updateExisting,
                    String hostKey, Instant nextRunAt, Instant lastRunAt, String lastMessage) {

    enum Kind {
        FOLDER(ImportRun.Source.FOLDER, SourceSettings.Folder.class),
        SFTP(ImportRun.Source.SFTP, SourceSettings.Sftp.class),
        DATABASE(ImportRun.Source.DATABASE, SourceSettings.Database.class);

        final ImportRun.Source journalSource;
        final Class<? extends SourceSettings> settingsType;

        Kind(ImportRun.Source journalSource, Class<? extends SourceSettings> settingsType) {
            this.journalSource = journalSource;
            this.settingsType = settingsType;
        }
    }
}
