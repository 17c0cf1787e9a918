package org.dozvon.imports;

import java.util.ArrayList;
import java.util.List;

import org.dozvon.contacts.CheckedContact;
import org.dozvon.contacts.ContactLists;
import org.dozvon.contacts.ListSchema;

import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;

/**
 * Writes one chunk of checked rows: good rows become contacts, every other row a journal entry naming
 * the row, the column, the value and the reason; the run's counters move in the same transaction.
 */
class ContactImportWriter implements ItemWriter<CheckedRow> {

    private final long runId;
    private final ListSchema schema;
    private final CheckingRowReader reader;
    private final boolean updateExisting;
    private final ContactLists contacts;
    private final ImportRunStore runs;

    /**
     * @param reader the step's reader, which knows the file's columns once it is open
     */
    ContactImportWriter(long runId, ListSchema schema, CheckingRowReader reader, boolean updateExisting,
                        ContactLists contacts, ImportRunStore runs) {
        this.runId = runId;
        this.schema = schema;
        this.reader = reader;
        this.updateExisting = updateExisting;
        this.contacts = contacts;
        this.runs = runs;
    }

    @Override
    public void write(Chunk<? extends CheckedRow> chunk) {
        CheckingRowReader.FileColumns columns = reader.columns();
        List<ImportRunStore.Rejection> rejections = new ArrayList<>();
        List<CheckedRow> candidates = new ArrayList<>();
        List<CheckedContact> checked = new ArrayList<>();
        for (CheckedRow row : chunk) {
            if (row.problem() != null) {
                rejections.add(new ImportRunStore.Rejection(row.number(), null, null, row.problem()));
                continue;
            }
            candidates.add(row);
            checked.add(row.contact());
        }
        ContactLists.WriteReport report = checked.isEmpty()
                ? new ContactLists.WriteReport(0, 0, 0, List.of())
                : contacts.writeChecked(schema, checked, updateExisting);
        for (int i = 0; i < candidates.size(); i++) {
            List<CheckedContact.Problem> problems = report.problems().get(i);
            if (!problems.isEmpty()) {
                CheckedContact.Problem first = problems.get(0);
                String reason = problems.stream().map(p -> describe(p, columns)).reduce((a, b) -> a + "; " + b).orElse("");
                rejections.add(new ImportRunStore.Rejection(candidates.get(i).number(), columns.column(first.fieldCode()),
                        first.value(), reason));
            }
        }
        runs.reject(runId, rejections);
        runs.count(runId, chunk.size(), report.inserted(), report.updated(), rejections.size());
    }

    /** The reason in the file's words: "column 'Телефон': '8-800' is not a phone number: too short". */
    private static String describe(CheckedContact.Problem problem, CheckingRowReader.FileColumns columns) {
        if (problem.fieldCode() == null) {
            return problem.reason();
        }
        String column = columns.column(problem.fieldCode());
        String value = problem.value() == null || problem.value().isEmpty() ? "" : " '" + problem.value() + "'";
        return "column '" + (column == null ? problem.fieldCode() : column) + "':" + value + " " + problem.reason();
    }
}
