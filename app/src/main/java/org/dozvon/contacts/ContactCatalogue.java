package org.dozvon.contacts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.dozvon.Violation;
import org.dozvon.access.Roles;
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
    private final FieldAccess access;
    private final Roles roles;
    private final Clock clock;

    ContactCatalogue(ContactFieldRepository fields, ContactListRepository lists, FieldAccess access, Roles roles,
                     Clock clock) {
        this.fields = fields;
        this.lists = lists;
        this.access = access;
        this.roles = roles;
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

    /** The field's restrictions by role code (MASKED, HIDDEN); roles not in it see the field in clear. */
    Map<String, FieldVisibility> access(long fieldId) {
        return access.ofField(fieldId);
    }

    /** Every field's restrictions by field id, then role code. */
    Map<Long, Map<String, FieldVisibility>> accessByField() {
        return access.byField();
    }

    /** Every role, for the field form's "access by role" table. */
    List<Roles.Role> roles() {
        return roles.all();
    }

    /** Saves a field's description, leaving its access by role as it is. */
    Result saveField(Long id, String code, String name, FieldType type, String mask, boolean clientId) {
        return saveField(id, code, name, type, mask, clientId, null);
    }

    /**
     * @param roleAccess the field's access by role code, replacing what it had; VISIBLE roles need not be named;
     *                   null leaves the access as it is
     */
    @Transactional
    Result saveField(Long id, String code, String name, FieldType type, String mask, boolean clientId,
                     Map<String, FieldVisibility> roleAccess) {
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
        if (roleAccess != null) {
            Set<String> known = new HashSet<>();
            roles.all().forEach(role -> known.add(role.code()));
            roleAccess.keySet().stream().filter(role -> !known.contains(role)).findFirst()
                    .ifPresent(role -> violations.add(new Violation("access", "fields.error.role", role)));
            if (roleAccess.containsValue(null)) {
                violations.add(new Violation("access", "fields.error.access"));
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
        long savedId = fields.save(field).id();
        if (roleAccess != null) {
            Map<String, FieldVisibility> before = existing == null ? Map.of() : access.ofField(savedId);
            access.replace(savedId, roleAccess);
            Map<String, FieldVisibility> after = access.ofField(savedId);
            if (!before.equals(after)) {
                log.info("Field '{}' access by role now {}", field.code(), after);
            }
        }
        return Result.saved(savedId);
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
