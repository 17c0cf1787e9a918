package org.dozvon.database;

import java.nio.file.Path;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where Dozvon keeps its data when no external PostgreSQL is configured.
 *
 * @param dataDir      folder of the embedded PostgreSQL's files and of the instance lock ({@code DOZVON_DATA_DIR})
 * @param embeddedPort TCP port of the embedded PostgreSQL on loopback; 0 picks a free one at each start
 */
@Validated
@ConfigurationProperties("dozvon.database")
public record DatabaseProperties(
        @NotNull Path dataDir,
        @Min(0) @Max(65535) int embeddedPort) {
}
