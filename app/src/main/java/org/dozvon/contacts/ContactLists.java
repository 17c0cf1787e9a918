package org.dozvon.contacts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
                ? new ContactStore.WriteOutcome(0, 0, List.of())
                : store.write(schema.listId(), valid, updateByClientId, clock.instant());
        outcome.refused().forEach(refusal -> {
            CheckedContact refused = valid.get(refusal.index());
            problems.get(validIndexes.get(refusal.index())).add(new CheckedContact.Problem(
                    schema.clientIdField().map(ListSchema.Field::code).orElse(null), refused.clientId(), refusal.reason()));
        });
        int rejected = (int) problems.stream().filter(list -> !list.isEmpty()).count();
        return new WriteReport(outcome.inserted(), outcome.updated(), rejected, problems);
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
     * @param problems per input in input order; an empty list means the contact was written
     */
    public record WriteReport(int inserted, int updated, int rejected, List<List<CheckedContact.Problem>> problems) {

        /** The problems of one input as sentences, for API answers and pages. */
        public List<String> describe(int index) {
            return problems.get(index).stream().map(CheckedContact.Problem::describe).toList();
        }
    }
}
