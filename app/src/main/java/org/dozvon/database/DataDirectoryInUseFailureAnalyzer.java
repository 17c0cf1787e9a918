package org.dozvon.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a held data directory into the short "APPLICATION FAILED TO START" report Spring Boot prints. */
class DataDirectoryInUseFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUseException cause) {
        return new FailureAnalysis(
                "The data directory " + cause.dataDir() + " is already in use by another running Dozvon ("
                        + cause.holder() + "). Two servers on one data directory would corrupt it.",
                "Stop the other Dozvon first, or start this one with another data directory "
                        + "(DOZVON_DATA_DIR=/some/other/folder), or point it at an external PostgreSQL (DOZVON_DB_URL).",
                cause);
    }
}
