package org.dozvon;

import java.nio.file.Path;
import java.util.UUID;

/** Fresh data directories under target/, so that every test application starts on an empty database. */
public final class TestDataDirectories {

    private TestDataDirectories() {
    }

    public static Path fresh(String name) {
        return Path.of("target", "test-data", name + "-" + UUID.randomUUID()).toAbsolutePath();
    }
}
