package org.dozvon.contacts;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contacts module's API for writing contacts: pages, the REST API and imports all come through
 * here, so a contact is checked the same way whichever door it enters by.
 */
@Service
public class ContactLists {

    private final ContactListRepository lists;
    private final ContactFieldRepository fields;
    private final ContactValues values;
    private final ContactStore store;
    private final Clock clock;

    ContactLists(ContactListRepository lists, ContactFieldRepository fields, ContactValues values, ContactStore store,
                 Clock clock) {
        this.lists = lists;
        this.fields = fields;
        this.values = values;
        this.store = store;
        this.clock = clock;
    }

    /** The list's fields, or empty when there is no such list. */
    public Optional<ListSchema> schema(long listId) {
        return lists.findById(listId).map(this::schemaOf);
    }

    ListSchema schemaOf(ContactList list) {
        Map<Long, ContactField> byId = new java.util.HashMap<>();
        fields.findAllById(list.fields().stream().map(ContactList.ListField::fieldId).toList())
                .forEach(field -> byId.put(field.id(), field));
        List<ListSchema.Field> schemaFields = list.fields().stream().map(listField -> {
            ContactField field = byId.get(listField.fieldId());
            return new ListSchema.Field(field.id(), field.code(), field.name(), field.type(), field.mask(),
                    field.clientId(), listField.required(), listField.position());
        }).toList();
        return new ListSchema(list.id(), list.name(), schemaFields);
    }

    /**
     * Checks raw contacts (values by field code) and writes the valid ones in one transaction.
     *
     * @return per input, in input order: the problems that kept it out, empty for a written contact
     */
    @Transactional
    public WriteReport write(ListSchema schema, List<Map<String, String>> raw, boolean updateByClientId) {
        return writeChecked(schema, raw.stream().map(contact -> values.check(schema, contact)).toList(), updateByClientId);
    }

    /**
     * Writes contacts already checked by {@link ContactValues#check} against this schema, in one
     * transaction: the valid ones are written, the others only reported. Lets an import check the next
     * rows on another thread while this writes.
     *
     * @return per input, in input order: the problems that kept it out (its own, or a client id refused
     * here), empty for a written contact
     */
    @Transactional
    public WriteReport writeChecked(ListSchema schema, List<CheckedContact> checked, boolean updateByClientId) {
        List<Integer> validIndexes = new ArrayList<>();
        List<CheckedContact> valid = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            if (checked.get(i).valid()) {
                validIndexes.add(i);
                valid.add(checked.get(i));
            }
        }
        List<List<CheckedContact.Problem>> problems = new ArrayList<>();
        checked.forEach(contact -> problems.add(new ArrayList<>(contact.problems())));
        ContactStore.WriteOutcome outcome = valid.isEmpty()
                ? new ContactStore.WriteOutcome(0, 0, List.of(), Map.of())
                : store.write(schema.listId(), valid, updateByClientId, clock.instant());
        outcome.refused().forEach(refusal -> {
            CheckedContact refused = valid.get(refusal.index());
            problems.get(validIndexes.get(refusal.index())).add(new CheckedContact.Problem(
                    schema.clientIdField().map(ListSchema.Field::code).orElse(null), refused.clientId(), refusal.reason()));
        });
        int rejected = (int) problems.stream().filter(list -> !list.isEmpty()).count();
        List<Long> contactIds = new ArrayList<>(java.util.Collections.nCopies(checked.size(), (Long) null));
        outcome.ids().forEach((index, id) -> contactIds.set(validIndexes.get(index), id));
        return new WriteReport(outcome.inserted(), outcome.updated(), rejected, problems, contactIds);
    }

    /**
     * Replaces one contact's values after checking them.
     *
     * @return the problems that kept the change out; empty when it was saved
     */
    @Transactional
    public List<String> update(ListSchema schema, long contactId, Map<String, String> raw) {
        CheckedContact contact = values.check(schema, raw);
        List<String> problems = new ArrayList<>(contact.problems().stream().map(CheckedContact.Problem::describe).toList());
        if (contact.clientId() != null && store.clientIdTaken(schema.listId(), contact.clientId(), contactId)) {
            problems.add("client id '" + contact.clientId() + "' belongs to another contact of the list");
        }
        if (problems.isEmpty() && !store.update(schema.listId(), contactId, contact, clock.instant())) {
            problems.add("the contact is no longer in the list");
        }
        return problems;
    }

    /**
     * Changes some of one contact's values (a CRM's fresh data), each checked against its field as any edit is (a
     * phone normalised, a number read, a mask applied): a refused change leaves its field as it was and is reported,
     * the accepted ones are saved together. Fields not named keep their values; an empty value clears a field.
     *
     * @param changes new values by field code, as text
     * @return the values before and after, which fields changed and the refused changes; empty when there is no
     * such contact. When the contact's other values no longer pass (a mask or a required field added since they
     * were saved), nothing is saved and those problems are among the refusals.
     */
    @Transactional
    public Optional<FieldChanges> changeFields(long contactId, Map<String, String> changes) {
        Optional<ListSchema> schema = store.lockListOf(contactId).flatMap(this::schema);
        Optional<ContactStore.StoredContact> stored = schema.flatMap(s -> store.find(s.listId(), contactId));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        ListSchema list = schema.get();
        Map<String, Object> before = stored.get().attributes();
        // as the contact form does: the list's fields only (a value of a field taken off the list since is dropped)
        Map<String, String> current = new LinkedHashMap<>();
        list.fields().forEach(field -> {
            if (before.get(field.code()) != null) {
                current.put(field.code(), text(before.get(field.code())));
            }
        });
        List<CheckedContact.Problem> refused = new ArrayList<>();
        Map<String, String> accepted = new LinkedHashMap<>();
        changes.forEach((code, value) -> {
            if (list.hasField(code)) {
                accepted.put(code, value == null ? "" : value);
            } else {
                refused.add(new CheckedContact.Problem(code, value, "is not a field of list '" + list.listName() + "'"));
            }
        });
        while (true) {
            Map<String, String> candidate = new LinkedHashMap<>(current);
            candidate.putAll(accepted);
            CheckedContact checked = values.check(list, candidate);
            List<CheckedContact.Problem> problems = new ArrayList<>(checked.problems());
            if (checked.valid() && checked.clientId() != null
                    && store.clientIdTaken(list.listId(), checked.clientId(), contactId)) {
                problems.add(new CheckedContact.Problem(list.clientIdField().map(ListSchema.Field::code).orElse(null),
                        checked.clientId(), "belongs to another contact of the list"));
            }
            List<CheckedContact.Problem> ofChanges = problems.stream()
                    .filter(problem -> accepted.containsKey(problem.fieldCode())).toList();
            if (problems.isEmpty()) {
                Set<String> changed = new LinkedHashSet<>();
                accepted.keySet().forEach(code -> {
                    if (!same(before.get(code), checked.attributes().get(code))) {
                        changed.add(code);
                    }
                });
                if (!changed.isEmpty()) {
                    store.update(list.listId(), contactId, checked, clock.instant());
                }
                return Optional.of(new FieldChanges(list.listId(), before, changed.isEmpty() ? before : checked.attributes(),
                        changed, refused));
            }
            if (ofChanges.isEmpty()) {
                refused.addAll(problems);
                return Optional.of(new FieldChanges(list.listId(), before, before, Set.of(), refused));
            }
            refused.addAll(ofChanges);
            ofChanges.forEach(problem -> accepted.remove(problem.fieldCode()));
        }
    }

    /** A stored value as text, as a person would type it again (numbers plain, without an exponent). */
    private static String text(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue()).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    private static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number && b instanceof Number) {
            return new BigDecimal(text(a)).compareTo(new BigDecimal(text(b))) == 0;
        }
        return text(a).equals(text(b));
    }

    /**
     * What {@link #changeFields} did.
     *
     * @param before  the contact's values before, by field code
     * @param after   its values now (the same as {@code before} when nothing changed)
     * @param changed the fields whose value changed
     * @param refused the changes that were not saved, and why
     */
    public record FieldChanges(long listId, Map<String, Object> before, Map<String, Object> after, Set<String> changed,
                               List<CheckedContact.Problem> refused) {
    }

    /**
     * The values of one raw contact that are masks read back ({@code ***} in a field the writer does not see in
     * clear), as problems: written, they would replace the real values with their masks.
     */
    static List<String> maskedValues(Map<String, String> raw, ShownFields shown) {
        List<String> problems = new ArrayList<>();
        raw.forEach((code, value) -> {
            if (shown.looksMasked(code, value)) {
                problems.add(new CheckedContact.Problem(code, value,
                        "is masked for you: send the real value or leave the field out").describe());
            }
        });
        return problems;
    }

    /**
     * @param problems   per input in input order; an empty list means the contact was written
     * @param contactIds per input in input order: the id of the contact written (inserted or updated), null for one
     *                   refused; empty when not known
     */
    public record WriteReport(int inserted, int updated, int rejected, List<List<CheckedContact.Problem>> problems,
                              List<Long> contactIds) {

        public WriteReport(int inserted, int updated, int rejected, List<List<CheckedContact.Problem>> problems) {
            this(inserted, updated, rejected, problems, List.of());
        }

        /** The id of the contact written for this input; null when it was refused or is not known. */
        public Long contactId(int index) {
            return index < contactIds.size() ? contactIds.get(index) : null;
        }

        /** The problems of one input as sentences, for API answers and pages. */
        public List<String> describe(int index) {
            return problems.get(index).stream().map(CheckedContact.Problem::describe).toList();
        }
    }
}
