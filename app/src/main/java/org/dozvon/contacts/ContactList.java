package org.dozvon.contacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.ReadOnlyProperty;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** A list of contacts and the fields, in order, that its contacts have. */
@Table("contact_list")
class ContactList {

    @Id
    private Long id;
    private String name;
    private String description;
    /** Maintained by the database (triggers on contact); never written from here. */
    @ReadOnlyProperty
    private long contactCount;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private Integer version;
    @MappedCollection(idColumn = "list_id")
    private Set<ListField> fields = new HashSet<>();

    ContactList() {
    }

    static ContactList create(String name, String description, List<ListField> fields, Instant now) {
        ContactList list = new ContactList();
        list.createdAt = now;
        list.describe(name, description, fields, now);
        return list;
    }

    void describe(String name, String description, List<ListField> fields, Instant now) {
        this.name = name;
        this.description = description == null || description.isBlank() ? null : description;
        this.fields = new HashSet<>(fields);
        this.updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public long contactCount() {
        return contactCount;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The list's fields in their order. */
    public List<ListField> fields() {
        List<ListField> ordered = new ArrayList<>(fields);
        ordered.sort(Comparator.comparingInt(ListField::position));
        return ordered;
    }

    @Table("contact_list_field")
    record ListField(long fieldId, int position, boolean required) {
    }
}
