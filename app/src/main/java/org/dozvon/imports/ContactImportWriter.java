package org.dozvon.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dozvon.contacts.CheckedContact;
import org.dozvon.contacts.ContactLists;
import org.dozvon.contacts.ListSchema;

import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;

/**
 * Writes one chunk of file rows: good rows become contacts, every other row a journal entry naming
 * the row, the column, the value and the reason; the run's counters move in the same transaction.
 */
class ContactImportWriter implements ItemWriter<TabularRow> {

    private final long runId;
    private final ListSchema schema;
    private final String[] fieldByPosition;
    private final Map<String, String> columnByField = new HashMap<>();
    private final boolean updateExisting;
    private final ContactLists contacts;
    private final ImportRunStore runs;

    ContactImportWriter(long runId, ListSchema schema, ImportMapping mapping, List<String> header, boolean updateExisting,
                        ContactLists contacts, ImportRunStore runs) {
        this.runId = runId;
        this.schema = schema;
        this.fieldByPosition = mapping.byPosition(header);
        for (int i = 0; i < header.size(); i++) {
            if (fieldByPosition[i] != null) {
                columnByField.put(fieldByPosition[i], header.get(i));
            }
        }
        this.updateExisting = updateExisting;
        this.contacts = contacts;
        this.runs = runs;
    }

    @Override
    public void write(Chunk<? extends TabularRow> chunk) {
        List<ImportRunStore.Rejection> rejections = new ArrayList<>();
        List<TabularRow> candidates = new ArrayList<>();
        List<Map<String, String>> values = new ArrayList<>();
        for (TabularRow row : chunk) {
            if (row.hasProblem()) {
                rejections.add(new ImportRunStore.Rejection(row.number(), null, null, row.problem()));
                continue;
            }
            Map<String, String> contact = new LinkedHashMap<>();
            for (int i = 0; i < fieldByPosition.length && i < row.cells().size(); i++) {
                if (fieldByPosition[i] != null) {
                    contact.put(fieldByPosition[i], row.cells().get(i));
                }
            }
            candidates.add(row);
            values.add(contact);
        }
        ContactLists.WriteReport report = values.isEmpty()
                ? new ContactLists.WriteReport(0, 0, 0, List.of())
                : contacts.write(schema, values, updateExisting);
        for (int i = 0; i < candidates.size(); i++) {
            List<CheckedContact.Problem> problems = report.problems().get(i);
            if (!problems.isEmpty()) {
                CheckedContact.Problem first = problems.get(0);
                String column = first.fieldCode() == null ? null : columnByField.get(first.fieldCode());
                String reason = problems.stream().map(p -> describe(p)).reduce((a, b) -> a + "; " + b).orElse("");
                rejections.add(new ImportRunStore.Rejection(candidates.get(i).number(), column, first.value(), reason));
            }
        }
        runs.reject(runId, rejections);
        runs.count(runId, chunk.size(), report.inserted(), report.updated(), rejections.size());
    }

    /** The reason in the file's words: "column 'Телефон': '8-800' is not a phone number: too short". */
    private String describe(CheckedContact.Problem problem) {
        if (problem.fieldCode() == null) {
            return problem.reason();
        }
        String column = columnByField.getOrDefault(problem.fieldCode(), problem.fieldCode());
        String value = problem.value() == null || problem.value().isEmpty() ? "" : " '" + problem.value() + "'";
        return "column '" + column + "':" + value + " " + problem.reason();
    }
}
