package org.dozvon.contacts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.dozvon.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Fields and lists: what a supervisor defines before any contact arrives. */
@Service
class ContactCatalogue {

    static final Pattern FIELD_CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Logger log = LoggerFactory.getLogger(ContactCatalogue.class);

    private final ContactFieldRepository fields;
    private final ContactListRepository lists;
    private final Clock clock;

    ContactCatalogue(ContactFieldRepository fields, ContactListRepository lists, Clock clock) {
        this.fields = fields;
        this.lists = lists;
        this.clock = clock;
    }

    List<ContactField> fields() {
        return fields.findAllByName();
    }

    List<ContactList> lists() {
        return lists.findAllByName();
    }

    ContactField field(long id) {
        return fields.findById(id).orElseThrow(() -> new NotFound("field " + id));
    }

    ContactList list(long id) {
        return lists.findById(id).orElseThrow(() -> new NotFound("contact list " + id));
    }

    boolean fieldUsed(long id) {
        return fields.isUsed(id);
    }

    @Transactional
    Result saveField(Long id, String code, String name, FieldType type, String mask, boolean clientId) {
        List<Violation> violations = new ArrayList<>();
        ContactField existing = id == null ? null : field(id);
        String cleanCode = code == null ? "" : code.strip();
        if (existing == null) {
            if (!FIELD_CODE.matcher(cleanCode).matches()) {
                violations.add(new Violation("code", "fields.error.code"));
            } else if (fields.findByCode(cleanCode).isPresent()) {
                violations.add(new Violation("code", "fields.error.codeTaken", cleanCode));
            }
        }
        if (name == null || name.isBlank()) {
            violations.add(new Violation("name", "fields.error.name"));
        }
        if (type == null) {
            violations.add(new Violation("type", "fields.error.type"));
        } else if (existing != null && existing.type() != type && fields.isUsed(existing.id())) {
            violations.add(new Violation("type", "fields.error.typeInUse"));
        }
        if (mask != null && !mask.isBlank()) {
            try {
                Pattern.compile(mask);
            } catch (PatternSyntaxException e) {
                violations.add(new Violation("mask", "fields.error.mask", e.getDescription()));
            }
        }
        if (!violations.isEmpty()) {
            return Result.rejected(violations);
        }
        ContactField field = existing == null
                ? ContactField.create(cleanCode, name.strip(), type, mask, clientId, clock.instant())
                : existing;
        if (existing != null) {
            field.describe(name.strip(), type, mask, clientId, clock.instant());
        }
        return Result.saved(fields.save(field).id());
    }

    @Transactional
    Result deleteField(long id) {
        ContactField field = field(id);
        if (fields.isUsed(id)) {
            return Result.rejected(List.of(new Violation("field", "fields.error.deleteUsed", field.name())));
        }
        fields.delete(field);
        return Result.saved(id);
    }

    /**
     * @param fieldIds the list's fields in their order
     */
    @Transactional
    Result saveList(Long id, String name, String description, List<Long> fieldIds, Set<Long> required) {
        List<Violation> violations = new ArrayList<>();
        ContactList existing = id == null ? null : list(id);
        if (name == null || name.isBlank()) {
            violations.add(new Violation("name", "lists.error.name"));
        } else if (lists.findByName(name.strip()).filter(other -> existing == null || !other.id().equals(existing.id())).isPresent()) {
            violations.add(new Violation("name", "lists.error.nameTaken", name.strip()));
        }
        List<ContactField> chosen = fieldIds.stream().distinct().map(this::field).toList();
        if (chosen.isEmpty()) {
            violations.add(new Violation("fields", "lists.error.noField"));
        }
        if (chosen.stream().filter(ContactField::clientId).count() > 1) {
            violations.add(new Violation("fields", "lists.error.twoClientIds"));
        }
        if (!chosen.isEmpty() && chosen.stream().noneMatch(field -> field.type() == FieldType.PHONE)) {
            violations.add(new Violation("fields", "lists.error.noPhone"));
        }
        if (!violations.isEmpty()) {
            return Result.rejected(violations);
        }
        List<ContactList.ListField> listFields = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            long fieldId = chosen.get(i).id();
            listFields.add(new ContactList.ListField(fieldId, i + 1, required.contains(fieldId)));
        }
        ContactList list = existing == null
                ? ContactList.create(name.strip(), description, listFields, clock.instant())
                : existing;
        if (existing != null) {
            list.describe(name.strip(), description, listFields, clock.instant());
        }
        ContactList saved = lists.save(list);
        log.info("Contact list '{}' saved with fields {}", saved.name(),
                chosen.stream().map(ContactField::code).toList());
        return Result.saved(saved.id());
    }

    @Transactional
    void deleteList(long id) {
        ContactList list = list(id);
        lists.delete(list);
        log.info("Contact list '{}' deleted with its {} contacts", list.name(), list.contactCount());
    }

    Set<Long> requiredFieldIds(ContactList list) {
        Set<Long> required = new HashSet<>();
        list.fields().stream().filter(ContactList.ListField::required).forEach(field -> required.add(field.fieldId()));
        return required;
    }

    record Result(List<Violation> violations, Long id) {
        static Result rejected(List<Violation> violations) {
            return new Result(violations, null);
        }

        static Result saved(Long id) {
            return new Result(List.of(), id);
        }

        boolean ok() {
            return violations.isEmpty();
        }
    }

    /** Asked for something that is not there (any more): pages answer 404, the API a 404 problem. */
    @ResponseStatus(HttpStatus.NOT_FOUND)
    static class NotFound extends RuntimeException {
        NotFound(String what) {
            super("There is no " + what);
        }
    }
}
