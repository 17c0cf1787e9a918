package org.dozvon.imports;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.dozvon.contacts.ContactValues;
import org.dozvon.contacts.ListSchema;

import org.springframework.batch.core.JobInterruptedException;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.item.ItemStreamException;
import org.springframework.batch.item.ItemStreamReader;

/**
 * Reads the file's rows and checks their values against the list on a thread of its own, a few chunks
 * ahead of the step: checking (phone numbers above all) costs about as much as writing, and this way the
 * two use both cores instead of taking turns on one.
 *
 * <p>Restarts stay exact: the position saved with each chunk is the number of rows handed to the step
 * (under the file reader's own key, so runs begun before this reader existed resume where they were),
 * never the rows read ahead. A failure of the file (say, bad encoding at line 90,000) reaches the step
 * at the row where it happened, after the good rows before it.
 */
class CheckingRowReader implements ItemStreamReader<CheckedRow> {

    private static final Object END = new Object();

    private final TabularFileItemReader file;
    private final ListSchema schema;
    private final ImportMapping mapping;
    private final ContactValues values;
    private final int readAhead;
    private final String threadName;

    private BlockingQueue<Object> queue;
    private Thread checker;
    private volatile boolean closing;
    private FileColumns columns;
    private int delivered;
    private boolean ended;

    /**
     * @param readAhead  rows checked ahead of the step at most (memory: a few chunks' worth)
     * @param threadName the checking thread's name, for thread dumps
     */
    CheckingRowReader(TabularFileItemReader file, ListSchema schema, ImportMapping mapping, ContactValues values,
                      int readAhead, String threadName) {
        this.file = file;
        this.schema = schema;
        this.mapping = mapping;
        this.values = values;
        this.readAhead = readAhead;
        this.threadName = threadName;
    }

    @Override
    public void open(ExecutionContext context) {
        file.open(context); // skips the rows of the chunks already committed
        String key = file.positionKey();
        delivered = context.containsKey(key) ? context.getInt(key) : 0;
        columns = new FileColumns(mapping.byPosition(file.header()), file.header());
        queue = new ArrayBlockingQueue<>(readAhead);
        closing = false;
        ended = false;
        checker = new Thread(this::checkAhead, threadName);
        checker.setDaemon(true);
        checker.start();
    }

    /**
     * How the file's columns map to the list's fields; available once open. Public only so that the
     * step-scope proxy the writer holds passes the call on.
     */
    public FileColumns columns() {
        return columns;
    }

    private void checkAhead() {
        try {
            TabularRow row;
            while (!closing && (row = file.read()) != null) {
                queue.put(row.hasProblem() ? new CheckedRow(row.number(), row.problem(), null)
                        : new CheckedRow(row.number(), null, values.check(schema, columns.values(row))));
            }
            queue.put(END);
        } catch (InterruptedException e) {
            // closed while waiting for the step to take rows
        } catch (Exception | Error e) {
            try {
                queue.put(new Failure(e));
            } catch (InterruptedException closed) {
                // closed: nobody is waiting for the failure any more
            }
        }
    }

    @Override
    public CheckedRow read() throws Exception {
        if (ended) {
            return null;
        }
        Object next;
        try {
            next = queue.take();
        } catch (InterruptedException e) {
            // a shutdown interrupts the step's thread (its executor does not wait for tasks): the step ends
            // STOPPED, as it would at the next chunk boundary, and the run resumes at the next start; the
            // flag stays cleared so that the step can still record where it stopped
            ended = true;
            throw new JobInterruptedException("Interrupted while waiting for checked rows");
        }
        if (next == END) {
            ended = true;
            return null;
        }
        if (next instanceof Failure failure) {
            ended = true;
            if (failure.cause() instanceof Exception e) {
                throw e;
            }
            throw (Error) failure.cause();
        }
        delivered++;
        return (CheckedRow) next;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(file.positionKey(), delivered);
    }

    @Override
    public void close() {
        if (checker != null) {
            closing = true;
            checker.interrupt();
            try {
                checker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ItemStreamException("Interrupted while stopping the import's checking thread", e);
            } finally {
                checker = null;
                queue = null;
            }
        }
        file.close();
    }

    private record Failure(Throwable cause) {
    }

    /** Which list field each file column feeds, and back. */
    static final class FileColumns {

        private final String[] fieldByPosition;
        private final Map<String, String> columnByField = new HashMap<>();

        FileColumns(String[] fieldByPosition, List<String> header) {
            this.fieldByPosition = fieldByPosition;
            for (int i = 0; i < header.size(); i++) {
                if (fieldByPosition[i] != null) {
                    columnByField.put(fieldByPosition[i], header.get(i));
                }
            }
        }

        /** The row's values by field code, for the mapped columns. */
        Map<String, String> values(TabularRow row) {
            Map<String, String> contact = new LinkedHashMap<>();
            for (int i = 0; i < fieldByPosition.length && i < row.cells().size(); i++) {
                if (fieldByPosition[i] != null) {
                    contact.put(fieldByPosition[i], row.cells().get(i));
                }
            }
            return contact;
        }

        /** The file's name for the column that feeds the field, or null. */
        String column(String fieldCode) {
            return fieldCode == null ? null : columnByField.get(fieldCode);
        }
    }
}
