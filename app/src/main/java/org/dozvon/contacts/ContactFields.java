package org.dozvon.contacts;

import java.util.List;

import org.springframework.stereotype.Service;

/**
 * The contact fields defined in Dozvon, for modules that refer to fields by code (notification
 * templates write {@code @code} for a contact's value).
 */
@Service
public class ContactFields {

    private final ContactFieldRepository fields;

    ContactFields(ContactFieldRepository fields) {
        this.fields = fields;
    }

    /** Every field, by name. */
    public List<Definition> all() {
        return fields.findAllByName().stream()
                .map(field -> new Definition(field.code(), field.name(), field.type()))
                .toList();
    }

    /** A field as other modules see it: its code (the key of a contact's value), its name and its type. */
    public record Definition(String code, String name, FieldType type) {
    }
}
