package org.dozvon.contacts;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A field defined once and used by any number of lists. Its code is the key of the value in a
 * contact's attributes and in the API; it never changes once created.
 */
@Table("contact_field")
class ContactField {

    @Id
    private Long id;
    private String code;
    private String name;
    private FieldType type;
    private String mask;
    private boolean clientId;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private Integer version;

    ContactField() {
    }

    static ContactField create(String code, String name, FieldType type, String mask, boolean clientId, Instant now) {
        ContactField field = new ContactField();
        field.code = code;
        field.createdAt = now;
        field.describe(name, type, mask, clientId, now);
        return field;
    }

    void describe(String name, FieldType type, String mask, boolean clientId, Instant now) {
        this.name = name;
        this.type = type;
        this.mask = mask == null || mask.isBlank() ? null : mask;
        this.clientId = clientId;
        this.updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public FieldType type() {
        return type;
    }

    public String mask() {
        return mask;
    }

    public boolean clientId() {
        return clientId;
    }
}
