package org.dozvon.imports;

/**
 * What a scheduled source reads, stored as JSON in {@code import_source.settings}; one record per kind.
 */
sealed interface SourceSettings permits SourceSettings.Folder, SourceSettings.Sftp, SourceSettings.Database {

    /** What becomes of a file once handled: renamed in place (suffix appended), moved to a folder, or deleted. */
    enum Action { RENAME, MOVE, DELETE }

    /** @param target the suffix for RENAME ({@code .done}), the folder for MOVE, unused for DELETE */
    record After(Action action, String target) {
    }

    /** A local (or mounted) folder. */
    record Folder(String directory, String glob, After onSuccess, After onFailure) implements SourceSettings {
    }

    /** A directory on an SFTP server; the after-actions are applied there. */
    record Sftp(String host, int port, String username, String password, String directory, String glob,
                After onSuccess, After onFailure) implements SourceSettings {

        /** Same server: a changed address forgets the remembered host key. */
        boolean sameServer(Sftp other) {
            return other != null && host.equalsIgnoreCase(other.host) && port == other.port;
        }
    }

    /** A single SELECT against an external PostgreSQL database. */
    record Database(String jdbcUrl, String username, String password, String query) implements SourceSettings {
    }
}
