package org.dozvon.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.dozvon.contacts.ListSchema;

/**
 * Which file column feeds which list field. Checked before an import starts, so that a file is never
 * half-imported because of a mapping mistake.
 *
 * @param columns file column name → list field code
 */
record ImportMapping(Map<String, String> columns) {

    /**
     * @return the problems that stop the import, as sentences naming the column or field; empty when it can run
     */
    List<String> problems(List<String> header, ListSchema schema, boolean updateExisting) {
        List<String> problems = new ArrayList<>();
        Set<String> headerNames = header.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Map<String, String> fieldToColumn = new HashMap<>();
        columns.forEach((column, fieldCode) -> {
            if (!headerNames.contains(column.toLowerCase(Locale.ROOT))) {
                problems.add("the file has no column '" + column + "'");
            }
            if (schema.field(fieldCode).isEmpty()) {
                problems.add("column '" + column + "' is mapped to '" + fieldCode + "', which is not a field of the list");
            } else if (fieldToColumn.putIfAbsent(fieldCode, column) != null) {
                problems.add("columns '" + fieldToColumn.get(fieldCode) + "' and '" + column + "' are both mapped to field '"
                        + fieldCode + "'");
            }
        });
        for (ListSchema.Field field : schema.fields()) {
            boolean mandatory = field.required() || field.clientId();
            if (mandatory && !fieldToColumn.containsKey(field.code())) {
                problems.add("the mandatory field '" + field.name() + "' (" + field.code() + ") has no column");
            }
        }
        if (updateExisting && schema.clientIdField().isEmpty()) {
            problems.add("\"update existing by client id\" needs a list with a client-id field");
        }
        if (schema.fields().stream().filter(f -> f.type() == org.dozvon.contacts.FieldType.PHONE)
                .noneMatch(f -> fieldToColumn.containsKey(f.code()))) {
            problems.add("no column is mapped to a phone field: there would be nothing to call");
        }
        return problems;
    }

    /** For each header position, the field code it feeds, or null. */
    String[] byPosition(List<String> header) {
        Map<String, String> lower = new LinkedHashMap<>();
        columns.forEach((column, code) -> lower.put(column.toLowerCase(Locale.ROOT), code));
        String[] codes = new String[header.size()];
        for (int i = 0; i < header.size(); i++) {
            codes[i] = lower.get(header.get(i).toLowerCase(Locale.ROOT));
        }
        return codes;
    }

    /** A mapping that uses every column whose name is a field's name or code, as a first guess for the form. */
    static ImportMapping guess(List<String> header, ListSchema schema) {
        Map<String, String> guessed = new LinkedHashMap<>();
        for (String column : header) {
            String key = column.strip().toLowerCase(Locale.ROOT);
            schema.fields().stream()
                    .filter(f -> f.code().equals(key) || f.name().toLowerCase(Locale.ROOT).equals(key))
                    .findFirst()
                    .ifPresent(f -> guessed.putIfAbsent(column, f.code()));
        }
        return new ImportMapping(guessed);
    }
}
