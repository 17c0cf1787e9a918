package org.dozvon.contacts;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dozvon.Violation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The contacts module's API for choosing contacts: what a campaign may choose from (lists, DNC lists,
 * fields), whether a {@link ContactSelection} is sound, how many contacts it takes, and those contacts
 * page by page in selection order.
 *
 * <p>Pages are keyset pages: each ends with a {@link ContactSelection.Cursor} that the next one starts
 * after, so the millionth contact costs what the first does when contacts are ordered by creation.
 * Ordering by a field sorts the matching contacts of a list for every page (there is no index on a
 * field's values). Contacts written or deleted between pages are seen or missed as their position
 * relative to the cursor decides; no contact is returned twice by one walk unless its ordering value
 * changed in between.
 */
@Service
public class ContactSelections {

    static final int MAX_DEPTH = 5;
    static final int MAX_CONDITIONS = 100;
    static final int MAX_VALUES = 1000;
    static final int MAX_PAGE = 10_000;

    private final JdbcClient jdbc;
    private final ContactFieldRepository fields;
    private final ContactListRepository lists;
    private final DncStore dnc;
    private final PhoneNumbers phoneNumbers;
    private final Clock clock;

    ContactSelections(JdbcClient jdbc, ContactFieldRepository fields, ContactListRepository lists, DncStore dnc,
                      PhoneNumbers phoneNumbers, Clock clock) {
        this.jdbc = jdbc;
        this.fields = fields;
        this.lists = lists;
        this.dnc = dnc;
        this.phoneNumbers = phoneNumbers;
        this.clock = clock;
    }

    /** Every contact field, by name: what filters and orderings may refer to. */
    public List<FieldChoice> fields() {
        return fields.findAllByName().stream().map(f -> new FieldChoice(f.code(), f.name(), f.type())).toList();
    }

    /** Every contact list, by name. */
    public List<ListChoice> lists() {
        return lists.findAllByName().stream().map(l -> new ListChoice(l.id(), l.name(), l.contactCount())).toList();
    }

    /** Every DNC list, by name. */
    public List<DncChoice> dncLists() {
        return dnc.lists().stream().map(l -> new DncChoice(l.id(), l.name(), l.entries())).toList();
    }

    /**
     * What is wrong with a selection, each as a form field ({@code lists}, {@code dncLists}, {@code percent},
     * {@code ordering}, {@code filter}) and a message; empty when it can run.
     */
    public List<Violation> check(ContactSelection selection) {
        List<Violation> violations = new ArrayList<>();
        if (selection.listIds().isEmpty()) {
            violations.add(new Violation("lists", "selection.error.noList"));
        }
        for (Long listId : selection.listIds()) {
            if (!lists.existsById(listId)) {
                violations.add(new Violation("lists", "selection.error.unknownList", listId));
            }
        }
        for (Long listId : selection.dncListIds()) {
            if (dnc.list(listId).isEmpty()) {
                violations.add(new Violation("dncLists", "selection.error.unknownDncList", listId));
            }
        }
        if (selection.percent() < 1 || selection.percent() > 100) {
            violations.add(new Violation("percent", "selection.error.percent"));
        }
        Map<String, FieldType> types = types();
        String orderField = selection.ordering().fieldCode();
        if (orderField != null && !types.containsKey(orderField)) {
            violations.add(new Violation("ordering", "selection.error.orderField", orderField));
        }
        violations.addAll(checkFilter(selection.filter(), types));
        return violations;
    }

    /** What is wrong with a filter alone (all as field {@code filter}); empty when it can run. */
    public List<Violation> checkFilter(ContactFilter filter) {
        return checkFilter(filter, types());
    }

    private List<Violation> checkFilter(ContactFilter filter, Map<String, FieldType> types) {
        List<Violation> violations = new ArrayList<>();
        int conditions = check(filter == null ? ContactFilter.NONE : filter, 1, types, violations);
        if (conditions > MAX_CONDITIONS) {
            violations.add(new Violation("filter", "selection.error.tooMany", MAX_CONDITIONS));
        }
        return violations;
    }

    private int check(ContactFilter filter, int depth, Map<String, FieldType> types, List<Violation> violations) {
        if (filter instanceof ContactFilter.Group group) {
            if (depth > MAX_DEPTH) {
                violations.add(new Violation("filter", "selection.error.tooDeep", MAX_DEPTH));
                return 0;
            }
            if (group.logic() == null) {
                violations.add(new Violation("filter", "selection.error.noLogic"));
            }
            int conditions = 0;
            for (ContactFilter item : group.items()) {
                conditions += check(item, depth + 1, types, violations);
            }
            return conditions;
        }
        ContactFilter.Condition condition = (ContactFilter.Condition) filter;
        String field = condition.field();
        if (field == null || field.isBlank()) {
            violations.add(new Violation("filter", "selection.error.noField"));
            return 1;
        }
        FieldType type = types.get(field);
        if (type == null) {
            violations.add(new Violation("filter", "selection.error.unknownField", field));
            return 1;
        }
        ContactFilter.Operator operator = condition.operator();
        if (operator == null) {
            violations.add(new Violation("filter", "selection.error.noOperator", field));
            return 1;
        }
        List<String> values = condition.values();
        if (values.isEmpty() || values.stream().anyMatch(value -> value == null || value.isBlank())) {
            violations.add(new Violation("filter", "selection.error.noValue", field));
            return 1;
        }
        if (operator != ContactFilter.Operator.IN && values.size() > 1) {
            violations.add(new Violation("filter", "selection.error.oneValue", field));
            return 1;
        }
        if (values.size() > MAX_VALUES) {
            violations.add(new Violation("filter", "selection.error.tooManyValues", field, MAX_VALUES));
            return 1;
        }
        boolean ordered = type == FieldType.NUMBER || type == FieldType.DATE;
        if ((operator == ContactFilter.Operator.GREATER || operator == ContactFilter.Operator.LESS) && !ordered) {
            violations.add(new Violation("filter", "selection.error.compareText", field));
        } else if (operator == ContactFilter.Operator.CONTAINS && ordered) {
            violations.add(new Violation("filter", "selection.error.containsOrdered", field));
        } else if (type == FieldType.NUMBER) {
            values.stream().filter(value -> SelectionSql.number(value) == null).findFirst().ifPresent(
                    value -> violations.add(new Violation("filter", "selection.error.number", field, value)));
        } else if (type == FieldType.DATE) {
            values.stream().filter(value -> SelectionSql.date(value, LocalDate.EPOCH) == null).findFirst().ifPresent(
                    value -> violations.add(new Violation("filter", "selection.error.date", field, value)));
        }
        return 1;
    }

    /**
     * How many contacts the selection takes now.
     *
     * @throws InvalidSelectionException when {@link #check} finds something wrong
     */
    public long count(ContactSelection selection) {
        Map<String, FieldType> types = checked(selection);
        SelectionSql sql = new SelectionSql(types, today(selection), phoneNumbers);
        String query = "select count(*) from contact c where c.list_id in (" + sql.param(selection.listIds()) + ") and "
                + sql.where(selection);
        return jdbc.sql(query).params(sql.params()).query(Long.class).single();
    }

    /**
     * The next page of eligible contacts in selection order: lists in their order (or as one), then the
     * ordering, then contact id.
     *
     * @param after where the previous page ended; null for the first page
     * @param limit at most this many contacts (1–10,000)
     * @throws InvalidSelectionException when {@link #check} finds something wrong
     */
    public ContactSelection.Page eligible(ContactSelection selection, ContactSelection.Cursor after, int limit) {
        Map<String, FieldType> types = checked(selection);
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        LocalDate today = today(selection);
        if (selection.listOrder() == ContactSelection.ListOrder.ANY_ORDER) {
            List<Row> rows = page(selection, types, today, selection.listIds(), after, size);
            return new ContactSelection.Page(rows.stream().map(Row::id).toList(),
                    rows.size() == size ? rows.get(rows.size() - 1).cursor(0) : null);
        }
        List<Long> ids = new ArrayList<>();
        int start = after == null ? 0 : Math.max(0, after.listPosition());
        for (int position = start; position < selection.listIds().size(); position++) {
            ContactSelection.Cursor keyset = after != null && position == after.listPosition() ? after : null;
            List<Row> rows = page(selection, types, today, List.of(selection.listIds().get(position)), keyset, size - ids.size());
            rows.forEach(row -> ids.add(row.id()));
            if (ids.size() == size) {
                return new ContactSelection.Page(ids, rows.get(rows.size() - 1).cursor(position));
            }
        }
        return new ContactSelection.Page(ids, null);
    }

    private List<Row> page(ContactSelection selection, Map<String, FieldType> types, LocalDate today, List<Long> listIds,
                           ContactSelection.Cursor after, int limit) {
        SelectionSql sql = new SelectionSql(types, today, phoneNumbers);
        ContactSelection.Ordering ordering = selection.ordering();
        String field = ordering.fieldCode();
        String key = ordering.byCreation() ? null : sql.sortKey(field);
        String keyText = key == null ? "null" : types.get(field) == FieldType.DATE ? "to_char(" + key + ", 'YYYY-MM-DD')" : key + "::text";
        StringBuilder query = new StringBuilder("select c.id, ").append(keyText).append(" from contact c where c.list_id ")
                .append(listIds.size() == 1 ? "= " + sql.param(listIds.get(0)) : "in (" + sql.param(listIds) + ")")
                .append(" and ").append(sql.where(selection));
        String direction = ordering.descending() ? " desc" : "";
        if (key == null) {
            if (after != null) {
                query.append(" and c.id ").append(ordering.descending() ? "<" : ">").append(" ").append(sql.param(after.contactId()));
            }
            query.append(" order by c.id").append(direction);
        } else {
            if (after != null) {
                String afterId = sql.param(after.contactId());
                if (after.sortKey() == null) {
                    query.append(" and ").append(key).append(" is null and c.id > ").append(afterId);
                } else {
                    String afterKey = sql.param(sql.sortValue(field, after.sortKey()));
                    query.append(" and (").append(key).append(ordering.descending() ? " < " : " > ").append(afterKey)
                            .append(" or (").append(key).append(" = ").append(afterKey).append(" and c.id > ").append(afterId)
                            .append(") or ").append(key).append(" is null)");
                }
            }
            query.append(" order by ").append(key).append(direction).append(" nulls last, c.id");
        }
        query.append(" limit ").append(sql.param(limit));
        return jdbc.sql(query.toString()).params(sql.params())
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2))).list();
    }

    private Map<String, FieldType> checked(ContactSelection selection) {
        List<Violation> violations = check(selection);
        if (!violations.isEmpty()) {
            throw new InvalidSelectionException(violations);
        }
        return types();
    }

    private Map<String, FieldType> types() {
        Map<String, FieldType> types = new HashMap<>();
        fields.findAll().forEach(field -> types.put(field.code(), field.type()));
        return types;
    }

    private LocalDate today(ContactSelection selection) {
        return LocalDate.now(clock.withZone(selection.zone()));
    }

    private record Row(long id, String sortKey) {
        ContactSelection.Cursor cursor(int position) {
            return new ContactSelection.Cursor(position, id, sortKey);
        }
    }

    /** A field a filter or an ordering may use. */
    public record FieldChoice(String code, String name, FieldType type) {
    }

    /** A contact list a campaign may call. */
    public record ListChoice(long id, String name, long contactCount) {
    }

    /** A DNC list a campaign may honour. */
    public record DncChoice(long id, String name, long entries) {
    }

    /** A selection that {@link #check} refuses, with its reasons. */
    public static class InvalidSelectionException extends IllegalArgumentException {

        private final transient List<Violation> violations;

        public InvalidSelectionException(List<Violation> violations) {
            super("The contact selection is not valid: " + violations.stream()
                    .map(v -> v.field() + " " + v.messageKey() + java.util.Arrays.toString(v.arguments())).toList());
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }
}
