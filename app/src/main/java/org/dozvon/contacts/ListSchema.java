package org.dozvon.contacts;

import java.util.List;
import java.util.Optional;

/**
 * The fields of one contact list, in order, as everything that reads or writes its contacts needs
 * them: pages, the API and imports.
 */
public record ListSchema(long listId, String listName, List<Field> fields) {

    public Optional<Field> field(String code) {
        return fields.stream().filter(field -> field.code().equals(code)).findFirst();
    }

    /** Whether the list has a field of this code: {@link #field} without its stream, for checking every row. */
    public boolean hasField(String code) {
        for (Field field : fields) {
            if (field.code().equals(code)) {
                return true;
            }
        }
        return false;
    }

    /** The field whose value identifies a contact within the list ("client id"), if the list has one. */
    public Optional<Field> clientIdField() {
        return fields.stream().filter(Field::clientId).findFirst();
    }

    public record Field(long id, String code, String name, FieldType type, String mask, boolean clientId,
                        boolean required, int position) {
    }
}
