package org.dozvon.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the scheduled sources: a poll takes the enabled sources that are due, moves their next run on
 * by their cron, then reads each one; every file (or query result) goes through {@link ImportLauncher}
 * and so into the same journal as an upload.
 */
@Service
class ImportSourceScheduler {

    private static final Logger log = LoggerFactory.getLogger(ImportSourceScheduler.class);

    private final ImportSourceStore sources;
    private final ImportLauncher launcher;
    private final DatabaseQuery database;
    private final SftpDrops sftp;
    private final ImportsProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;
    /** Sources being read by this process: "run now" and the poll never read one source twice at once. */
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "import-source-now");
        thread.setDaemon(true);
        return thread;
    });

    ImportSourceScheduler(ImportSourceStore sources, ImportLauncher launcher, DatabaseQuery database,
                          SftpDrops sftp, ImportsProperties properties, TransactionTemplate transaction, Clock clock) {
        this.sources = sources;
        this.launcher = launcher;
        this.database = database;
        this.sftp = sftp;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** The next run of a cron after {@code after}, in the clock's time zone; null when the cron never fires again. */
    Instant nextRun(String cron, Instant after) {
        ZonedDateTime next = CronExpression.parse(cron).next(after.atZone(clock.getZone()));
        return next == null ? null : next.toInstant();
    }

    @Scheduled(fixedDelayString = "${dozvon.imports.source-poll-interval}", initialDelayString = "${dozvon.imports.source-poll-interval}")
    void poll() {
        Instant now = clock.instant();
        List<ImportSource> due = transaction.execute(status -> {
            List<ImportSource> locked = sources.lockDue(now, 20);
            locked.forEach(source -> sources.scheduled(source.id(), nextRun(source.cron(), now)));
            return locked;
        });
        due.forEach(this::run);
    }

    /**
     * "Run now" from the portal: reads the source on a thread of its own (listing and fetching files or
     * running a query can take minutes), so the request returns at once; the source's last run and message
     * show the result.
     *
     * @return false when the source is being read already
     */
    boolean runInBackground(long sourceId) {
        if (running.contains(sourceId)) {
            return false;
        }
        background.execute(() -> {
            try {
                runNow(sourceId);
            } catch (RuntimeException e) {
                log.warn("Import source {} could not run: {}", sourceId, e.toString());
            }
        });
        return true;
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }

    /** Reads one source now, whatever its schedule; returns what its "last message" says. */
    String runNow(long sourceId) {
        ImportSource source = sources.find(sourceId).orElseThrow(() -> new IllegalArgumentException("No import source " + sourceId));
        return run(source);
    }

    private String run(ImportSource source) {
        if (!running.add(source.id())) {
            return "already running";
        }
        String message;
        try {
            message = switch (source.kind()) {
                case FOLDER -> readFiles(source, new FolderDrop((SourceSettings.Folder) source.settings(), properties.sourceFolderRoot(), clock),
                        ((SourceSettings.Folder) source.settings()).onSuccess(), ((SourceSettings.Folder) source.settings()).onFailure());
                case SFTP -> {
                    SourceSettings.Sftp settings = (SourceSettings.Sftp) source.settings();
                    yield readFiles(source, sftp.open(source, settings), settings.onSuccess(), settings.onFailure());
                }
                case DATABASE -> readQuery(source);
            };
        } catch (IOException | RuntimeException e) {
            log.warn("Import source {} ({}) failed: {}", source.id(), source.name(), e.toString());
            message = "failed: " + describe(e);
        } finally {
            running.remove(source.id());
        }
        sources.ran(source.id(), message, clock.instant());
        return message;
    }

    private String readFiles(ImportSource source, FileDrop drop, SourceSettings.After onSuccess,
                             SourceSettings.After onFailure) throws IOException {
        List<String> notes = new ArrayList<>();
        int imported = 0;
        int refused = 0;
        try (drop) {
            for (FileDrop.Found file : drop.list()) {
                if (sources.handled(source.id(), file.name(), file.size(), file.modifiedAt())) {
                    continue;
                }
                Path local = temporary();
                boolean ok;
                try {
                    drop.fetch(file, local);
                    ok = start(source, local, file.name(), notes);
                } catch (IOException e) {
                    Files.deleteIfExists(local);
                    notes.add(file.name() + ": could not be read: " + describe(e));
                    continue; // a file that could not even be read is tried again next time
                }
                if (ok) {
                    imported++;
                } else {
                    refused++;
                }
                sources.handle(source.id(), file.name(), file.size(), file.modifiedAt(), ok, clock.instant());
                SourceSettings.After action = ok ? onSuccess : onFailure;
                try {
                    drop.after(file, action);
                } catch (IOException | RuntimeException e) {
                    notes.add(file.name() + ": " + action.action().name().toLowerCase() + " failed (" + describe(e)
                            + "); the file will not be imported again");
                }
            }
        }
        String summary = imported + " file(s) imported, " + refused + " refused";
        return notes.isEmpty() ? summary : summary + "; " + String.join("; ", notes);
    }

    private String readQuery(ImportSource source) throws IOException {
        Path local = temporary();
        long rows;
        try {
            rows = database.export((SourceSettings.Database) source.settings(), local);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(local);
            throw e;
        }
        List<String> notes = new ArrayList<>();
        boolean ok = start(source, local, source.name() + ".csv", notes);
        return ok ? rows + " row(s) exported and imported" : String.join("; ", notes);
    }

    /** Hands a local copy to the launcher, which moves it into its storage when it accepts it. */
    private boolean start(ImportSource source, Path local, String fileName, List<String> notes) throws IOException {
        ImportLauncher.Started started = launcher.start(source.listId(), local, fileName, source.mapping(), source.clearFirst(),
                source.updateExisting(), source.kind().journalSource, "source: " + source.name());
        if (started.runId() != null) {
            sources.linkRun(started.runId(), source.id());
            return true;
        }
        Files.deleteIfExists(local);
        notes.add(fileName + " refused: " + String.join(", ", started.problems()));
        return false;
    }

    private Path temporary() throws IOException {
        Path folder = properties.storageDir().resolve("sources");
        Files.createDirectories(folder);
        return folder.resolve(UUID.randomUUID().toString());
    }

    static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
