package org.dozvon.imports;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param storageDir      where uploaded files wait for and during their import ({@code DOZVON_IMPORTS_DIR})
 * @param chunkSize       rows written per transaction: a crash loses at most the chunk in flight, which the
 *                        restart then does again
 * @param parallelImports imports that may run at the same time; further ones wait in a queue
 * @param sourceFolderRoot the only folder (with its subfolders) that FOLDER sources may read, move and delete in
 * @param sourcePollInterval how often the scheduled sources are checked for being due: a cron that fires
 *                        more often is run at this pace
 */
@Validated
@ConfigurationProperties("dozvon.imports")
public record ImportsProperties(
        @NotNull Path storageDir,
        @Min(10) @Max(100_000) int chunkSize,
        @Min(1) @Max(16) int parallelImports,
        @NotNull Duration sourcePollInterval,
        @NotNull Path sourceFolderRoot) {
}
