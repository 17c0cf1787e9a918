package org.dozvon.imports;

import java.nio.file.Path;
import java.util.List;

import org.springframework.batch.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads a contact file's rows in a Spring Batch step, restartably. Spring Batch keeps the number of rows
 * read in the step's execution context at every commit; on a restart the file is opened again and that many
 * rows are read and dropped, so the step goes on right after the last committed chunk: no row is imported
 * twice and none is lost. Rows are counted as {@link TabularFile#next()} returns them (blank rows are not
 * items), and the same file reads the same way every time, so the count is a safe position.
 * <p>
 * A row with a {@link TabularRow#problem()} is an item like the others: the step writes it to the journal.
 * A {@link TabularFileException} ends the step; its message is for the user.
 */
class TabularFileItemReader extends AbstractItemCountingItemStreamItemReader<TabularRow> {

    private final Path file;
    private final String originalFileName;
    private final ReadOptions options;
    private TabularFile tabular;

    /**
     * @param name the prefix of the reader's keys in the execution context, unique within the step
     */
    TabularFileItemReader(String name, Path file, String originalFileName, ReadOptions options) {
        this.file = file;
        this.originalFileName = originalFileName;
        this.options = options;
        setName(name);
    }

    /** The file's column names; available once the reader is open. */
    List<String> header() {
        if (tabular == null) {
            throw new IllegalStateException("the reader is not open");
        }
        return tabular.header();
    }

    /** Where {@link #update} keeps the number of rows read, from which {@link #open} resumes. */
    String positionKey() {
        return getExecutionContextKey("read.count");
    }

    @Override
    protected void doOpen() {
        tabular = TabularFiles.open(file, originalFileName, options);
    }

    @Override
    protected TabularRow doRead() {
        return tabular.next();
    }

    @Override
    protected void doClose() {
        if (tabular != null) {
            tabular.close();
            tabular = null;
        }
    }
}
