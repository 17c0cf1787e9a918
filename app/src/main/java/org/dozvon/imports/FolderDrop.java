package org.dozvon.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A local (or mounted) folder. */
final class FolderDrop implements FileDrop {

    private final SourceSettings.Folder settings;
    private final Path directory;
    private final Clock clock;

    FolderDrop(SourceSettings.Folder settings, Path root, Clock clock) throws IOException {
        this.settings = settings;
        this.directory = within(root, settings.directory());
        if (this.directory == null) {
            throw new IOException("the folder " + settings.directory() + " is not under " + root);
        }
        this.clock = clock;
    }

    /**
     * The folder a source names, relative to the root (or absolute inside it), or null when it lies
     * outside — symbolic links included, once the folder exists.
     */
    static Path within(Path root, String directory) {
        Path base = root.toAbsolutePath().normalize();
        Path resolved = base.resolve(directory).normalize();
        if (!resolved.startsWith(base)) {
            return null;
        }
        try {
            if (Files.exists(resolved) && Files.exists(base) && !resolved.toRealPath().startsWith(base.toRealPath())) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        return resolved;
    }

    @Override
    public List<Found> list() throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("the folder " + directory + " does not exist or is not a folder");
        }
        PathMatcher matcher = FileDrop.glob(settings.glob());
        List<Found> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && matcher.matches(Path.of(name))
                        && !FileDrop.renamedByUs(name, settings.onSuccess(), settings.onFailure())) {
                    found.add(new Found(name, Files.size(file), Files.getLastModifiedTime(file).toInstant()));
                }
            }
        }
        found.sort(Comparator.comparing(Found::modifiedAt).thenComparing(Found::name));
        return found;
    }

    @Override
    public void fetch(Found file, Path target) throws IOException {
        Files.copy(directory.resolve(file.name()), target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void after(Found file, SourceSettings.After action) throws IOException {
        Path source = directory.resolve(file.name());
        switch (action.action()) {
            case DELETE -> Files.delete(source);
            case RENAME -> Files.move(source, free(directory.resolve(file.name() + action.target())));
            case MOVE -> {
                Path folder = directory.resolve(action.target());
                Files.createDirectories(folder);
                Files.move(source, free(folder.resolve(file.name())));
            }
        }
    }

    /** A file of the same name handled before is kept: the new one gets the time appended. */
    private Path free(Path target) {
        return Files.exists(target) ? target.resolveSibling(target.getFileName() + "." + clock.millis()) : target;
    }

    @Override
    public void close() {
    }
}
