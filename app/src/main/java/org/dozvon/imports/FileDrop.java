package org.dozvon.imports;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.util.List;

/** A place files are dropped into for a scheduled source: a folder or an SFTP directory. */
interface FileDrop extends AutoCloseable {

    /** A file found, named relative to the drop's directory; name, size and time identify it for "already handled". */
    record Found(String name, long size, Instant modifiedAt) {
    }

    /** The regular files of the directory whose names match the glob, oldest first. */
    List<Found> list() throws IOException;

    /** Copies a found file to a local path. */
    void fetch(Found file, Path target) throws IOException;

    /** Renames, moves or deletes a handled file. */
    void after(Found file, SourceSettings.After action) throws IOException;

    @Override
    void close() throws IOException;

    static PathMatcher glob(String glob) {
        return FileSystems.getDefault().getPathMatcher("glob:" + (glob == null || glob.isBlank() ? "*" : glob));
    }

    /** True for a file a RENAME action of this source produced, which must not be picked up again. */
    static boolean renamedByUs(String name, SourceSettings.After... actions) {
        for (SourceSettings.After action : actions) {
            if (action.action() == SourceSettings.Action.RENAME && action.target() != null && !action.target().isEmpty()
                    && name.endsWith(action.target())) {
                return true;
            }
        }
        return false;
    }
}
