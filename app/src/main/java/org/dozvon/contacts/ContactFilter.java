package org.dozvon.contacts;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Which contacts of a list a campaign takes, as a tree: conditions on contact fields, combined by
 * groups with AND or OR. Stored and sent as JSON: a group is {@code {"logic": "AND", "items": [...]}},
 * a condition {@code {"field": "city", "operator": "EQUALS", "values": ["Казань"]}}.
 *
 * <p>Values are text as a user types them: numbers with {@code ,} or {@code .}; dates as
 * {@code 2026-11-24} or {@code 24.11.2026}, or relative to the day the selection runs:
 * {@code today}, {@code today+3}, {@code today-30}. A contact without a value in the field does not
 * match a condition on it, except {@link Operator#NOT_EQUALS}. An empty group matches every contact.
 * {@link ContactSelections#check} says what is wrong with a filter; nothing unchecked reaches SQL.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({@JsonSubTypes.Type(ContactFilter.Group.class), @JsonSubTypes.Type(ContactFilter.Condition.class)})
public sealed interface ContactFilter permits ContactFilter.Group, ContactFilter.Condition {

    /** How a group combines its items. */
    enum Logic { AND, OR }

    /**
     * How a condition compares the field's value with its values. {@code GREATER} and {@code LESS} are
     * for numbers and dates; {@code CONTAINS} for text (ignoring case); {@code IN} takes one or more values.
     */
    enum Operator { EQUALS, NOT_EQUALS, GREATER, LESS, IN, CONTAINS }

    /** Every contact matches: no condition. */
    ContactFilter NONE = new Group(Logic.AND, List.of());

    /** Conditions and groups combined by AND or OR. */
    record Group(Logic logic, List<ContactFilter> items) implements ContactFilter {
        public Group {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /** One comparison of a field (by code) with one value, or with several for {@link Operator#IN}. */
    record Condition(String field, Operator operator, List<String> values) implements ContactFilter {
        public Condition {
            values = values == null ? List.of() : List.copyOf(values);
        }
    }

    static Condition condition(String field, Operator operator, String... values) {
        return new Condition(field, operator, Arrays.asList(values));
    }

    static Group all(ContactFilter... items) {
        return new Group(Logic.AND, Arrays.asList(items));
    }

    static Group any(ContactFilter... items) {
        return new Group(Logic.OR, Arrays.asList(items));
    }
}
