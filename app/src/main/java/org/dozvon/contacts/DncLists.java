package org.dozvon.contacts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.dozvon.Violation;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Do-not-call lists: what goes in (phones normalised, e-mails lower case) and the report of what did
 * not. {@link #add} is the module's API for other modules (file imports into a DNC list).
 */
@Service
public class DncLists {

    static final int PAGE_SIZE = 100;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final DncStore store;
    private final PhoneNumbers phoneNumbers;
    private final Clock clock;

    DncLists(DncStore store, PhoneNumbers phoneNumbers, Clock clock) {
        this.store = store;
        this.phoneNumbers = phoneNumbers;
        this.clock = clock;
    }

    List<DncStore.DncList> lists() {
        return store.lists();
    }

    DncStore.DncList list(long id) {
        return store.list(id).orElseThrow(() -> new ContactCatalogue.NotFound("DNC list " + id));
    }

    List<DncStore.Entry> entries(long listId, String text, Long before) {
        return store.entries(listId, text, before == null ? Long.MAX_VALUE : before, PAGE_SIZE + 1);
    }

    /** Up to {@code size} entries newest first, before id {@code before} (null: from the newest), of one kind. */
    List<DncStore.Entry> entries(long listId, String text, DncStore.Kind kind, Long before, int size) {
        return store.entries(listId, text, kind, before == null ? Long.MAX_VALUE : before, size);
    }

    @Transactional
    ContactCatalogue.Result save(Long id, String name, String description) {
        List<Violation> violations = new ArrayList<>();
        if (name == null || name.isBlank()) {
            violations.add(new Violation("name", "dnc.error.name"));
        } else if (store.nameTaken(name.strip(), id)) {
            violations.add(new Violation("name", "dnc.error.nameTaken", name.strip()));
        }
        if (!violations.isEmpty()) {
            return ContactCatalogue.Result.rejected(violations);
        }
        String text = description == null || description.isBlank() ? null : description.strip();
        if (id == null) {
            return ContactCatalogue.Result.saved(store.createList(name.strip(), text, clock.instant()));
        }
        list(id);
        store.updateList(id, name.strip(), text, clock.instant());
        return ContactCatalogue.Result.saved(id);
    }

    @Transactional
    void delete(long id) {
        list(id);
        store.deleteList(id);
    }

    /**
     * Adds numbers and addresses, one per item; an item with '@' is an e-mail address. Existing
     * contacts with these numbers or addresses are flagged at once.
     */
    @Transactional
    public AddReport add(long listId, List<String> items, String comment, String by) {
        list(listId);
        Set<String> phones = new LinkedHashSet<>();
        Set<String> emails = new LinkedHashSet<>();
        List<String> rejected = new ArrayList<>();
        for (String item : items) {
            String value = item == null ? "" : item.strip();
            if (value.isEmpty()) {
                continue;
            }
            if (value.contains("@")) {
                if (EMAIL.matcher(value).matches()) {
                    emails.add(value.toLowerCase(Locale.ROOT));
                } else {
                    rejected.add("'" + value + "' is not an e-mail address");
                }
            } else {
                PhoneNumbers.Normalized phone = phoneNumbers.normalize(value);
                if (phone.valid()) {
                    phones.add(phone.e164());
                } else {
                    rejected.add("'" + value + "' is not a phone number: " + phone.problem());
                }
            }
        }
        String note = comment == null || comment.isBlank() ? null : comment.strip();
        int added = store.add(listId, DncStore.Kind.PHONE, phones, note, by, clock.instant())
                + store.add(listId, DncStore.Kind.EMAIL, emails, note, by, clock.instant());
        return new AddReport(added, phones.size() + emails.size() - added, rejected);
    }

    @Transactional
    boolean remove(long listId, long entryId) {
        return store.remove(listId, entryId);
    }

    /** Whether a DNC list with this id exists. */
    public boolean exists(long listId) {
        return store.list(listId).isPresent();
    }

    public record AddReport(int added, int alreadyListed, List<String> rejected) {

        public AddReport plus(AddReport other) {
            List<String> all = new ArrayList<>(rejected);
            all.addAll(other.rejected());
            return new AddReport(added + other.added(), alreadyListed + other.alreadyListed(), all);
        }
    }
}
