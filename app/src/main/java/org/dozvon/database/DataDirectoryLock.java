package org.dozvon.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * An exclusive operating-system lock on {@code <dataDir>/dozvon.lock}, held for the life of the
 * process. The operating system releases it when the process dies, however it dies, so a crashed
 * Dozvon never leaves a stale lock behind.
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String FILE_NAME = "dozvon.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new DataDirectoryInUseException(dataDir, holder.isEmpty() ? "holder unknown" : holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(describeThisProcess().getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock the data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static String describeThisProcess() {
        // "pid@host" as the JVM names itself
        return "process " + ManagementFactory.getRuntimeMXBean().getName() + ", started " + Instant.now();
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
