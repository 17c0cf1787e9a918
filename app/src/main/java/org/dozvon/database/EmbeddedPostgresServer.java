package org.dozvon.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run by Dozvon itself, its files in {@code <dataDir>/postgres}, reachable on
 * loopback only. The data directory is locked first so that a second Dozvon refuses to start on it.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    static final String DATABASE = "dozvon";
    static final String USER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(60);

    private final DataDirectoryLock lock;
    private final EmbeddedPostgres postgres;
    private final Path pgData;

    private EmbeddedPostgresServer(DataDirectoryLock lock, EmbeddedPostgres postgres, Path pgData) {
        this.lock = lock;
        this.postgres = postgres;
        this.pgData = pgData;
    }

    static EmbeddedPostgresServer start(Path dataDir, int port) {
        Path root = dataDir.toAbsolutePath().normalize();
        DataDirectoryLock lock = DataDirectoryLock.acquire(root);
        try {
            Path pgData = root.resolve("postgres");
            stopOrphanedServer(pgData);
            boolean fresh = !Files.exists(pgData.resolve("PG_VERSION"));
            log.info("Starting the embedded PostgreSQL in {}{}", pgData, fresh ? " (new database)" : "");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // zonky tunes for throw-away test databases; this one keeps real data
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "100")
                    // a million-contact import: its indexes fit twice the default buffers better, and
                    // fewer checkpoints mean fewer full-page images in the WAL (5-8 % less CPU)
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("max_wal_size", "2GB")
                    .setLocaleConfig("locale-provider", "builtin")
                    .setLocaleConfig("builtin-locale", "C.UTF-8")
                    .setLocaleConfig("locale", "C.UTF-8")
                    .start();
            ensureDatabase(postgres);
            return new EmbeddedPostgresServer(lock, postgres, pgData);
        } catch (IOException e) {
            lock.close();
            throw new UncheckedIOException("The embedded PostgreSQL did not start: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * A Dozvon killed without a chance to stop its PostgreSQL leaves the server running. We hold the
     * lock, so no live Dozvon owns it: stop it cleanly before starting our own on the same files.
     */
    private static void stopOrphanedServer(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        Optional<ProcessHandle> orphan = lines.isEmpty() ? Optional.empty()
                : parsePid(lines.get(0)).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (orphan.isEmpty()) {
            return; // stale pid file: PostgreSQL itself recovers from it
        }
        ProcessHandle process = orphan.get();
        log.warn("A PostgreSQL (pid {}) left running by a previous Dozvon holds {}; stopping it first",
                process.pid(), pgData);
        process.destroy(); // SIGTERM: PostgreSQL's "smart" shutdown, with a checkpoint
        try {
            process.onExit().get(ORPHAN_STOP_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The PostgreSQL left running in " + pgData + " (pid " + process.pid()
                    + ") did not stop within " + ORPHAN_STOP_TIMEOUT.toSeconds() + " s; stop it by hand", e);
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void ensureDatabase(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("create database " + DATABASE);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the database '" + DATABASE + "' in the embedded PostgreSQL", e);
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    int port() {
        return postgres.getPort();
    }

    Path pgData() {
        return pgData;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.error("The embedded PostgreSQL did not stop cleanly", e);
        } finally {
            lock.close();
        }
    }
}
