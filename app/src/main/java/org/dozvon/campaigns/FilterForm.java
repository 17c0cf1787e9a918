package org.dozvon.campaigns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dozvon.contacts.ContactFilter;

/**
 * The filter builder of the campaign form: a tree of groups (AND / OR) holding condition rows and
 * further groups, read from and written to flat form fields so that htmx can post the whole builder and
 * get it back changed. Groups are named by paths ({@code 0} the top, {@code 0.2} its second sub-group);
 * every condition row names its group.
 *
 * <pre>
 *   filterGroup=0        filterGroupLogic=AND
 *   filterGroup=0.1      filterGroupLogic=OR
 *   conditionGroup=0     conditionField=city   conditionOperator=EQUALS   conditionValue=Казань
 * </pre>
 * IN values are separated by {@code ;}.
 */
final class FilterForm {

    static final String ROOT = "0";

    private FilterForm() {
    }

    /** A group as the builder shows it: its conditions first, then its sub-groups. */
    static final class Group {
        final String path;
        String logic;
        final List<Condition> conditions = new ArrayList<>();
        final List<Group> groups = new ArrayList<>();

        Group(String path, String logic) {
            this.path = path;
            this.logic = logic;
        }

        public String path() {
            return path;
        }

        public String logic() {
            return logic;
        }

        public List<Condition> conditions() {
            return conditions;
        }

        public List<Group> groups() {
            return groups;
        }

        public boolean root() {
            return ROOT.equals(path);
        }

        public int depth() {
            return path.split("\\.").length;
        }
    }

    /** One row: field, operator, value; {@code index} is its position in the whole builder. */
    static final class Condition {
        int index;
        final String field;
        final String operator;
        final String value;

        Condition(String field, String operator, String value) {
            this.field = field;
            this.operator = operator;
            this.value = value;
        }

        public int index() {
            return index;
        }

        public String field() {
            return field;
        }

        public String operator() {
            return operator;
        }

        public String value() {
            return value;
        }

        boolean blank() {
            return field.isBlank() && value.isBlank();
        }
    }

    static Group read(FormValues form) {
        Map<String, Group> groups = new LinkedHashMap<>();
        List<String> paths = form.values("filterGroup");
        List<String> logics = form.values("filterGroupLogic");
        groups.put(ROOT, new Group(ROOT, "AND"));
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            if (!path.matches("0(\\.\\d{1,3}){0,5}")) {
                continue;
            }
            String logic = i < logics.size() && "OR".equals(logics.get(i)) ? "OR" : "AND";
            groups.computeIfAbsent(path, p -> new Group(p, logic)).logic = logic;
        }
        for (Group group : groups.values()) {
            if (!group.root()) {
                groups.getOrDefault(parent(group.path), groups.get(ROOT)).groups.add(group);
            }
        }
        List<String> owners = form.values("conditionGroup");
        List<String> fields = form.values("conditionField");
        List<String> operators = form.values("conditionOperator");
        List<String> values = form.values("conditionValue");
        for (int i = 0; i < owners.size(); i++) {
            Group owner = groups.getOrDefault(owners.get(i), groups.get(ROOT));
            owner.conditions.add(new Condition(at(fields, i), at(operators, i).isBlank() ? "EQUALS" : at(operators, i), at(values, i)));
        }
        renumber(groups.get(ROOT));
        return groups.get(ROOT);
    }

    static void write(Group root, FormValues form) {
        for (String name : List.of("filterGroup", "filterGroupLogic", "conditionGroup", "conditionField", "conditionOperator",
                "conditionValue")) {
            form.remove(name);
        }
        writeGroup(root, form);
    }

    private static void writeGroup(Group group, FormValues form) {
        form.add("filterGroup", group.path).add("filterGroupLogic", group.logic);
        for (Condition condition : group.conditions) {
            form.add("conditionGroup", group.path).add("conditionField", condition.field)
                    .add("conditionOperator", condition.operator).add("conditionValue", condition.value);
        }
        group.groups.forEach(child -> writeGroup(child, form));
    }

    /** The filter the builder describes; untouched empty rows and groups without conditions are left out. */
    static ContactFilter toFilter(Group group) {
        List<ContactFilter> items = new ArrayList<>();
        for (Condition condition : group.conditions) {
            if (condition.blank()) {
                continue;
            }
            ContactFilter.Operator operator;
            try {
                operator = ContactFilter.Operator.valueOf(condition.operator);
            } catch (IllegalArgumentException e) {
                operator = null;
            }
            List<String> values = operator == ContactFilter.Operator.IN
                    ? Arrays.stream(condition.value.split(";")).map(String::strip).filter(v -> !v.isEmpty()).toList()
                    : condition.value.isBlank() ? List.of() : List.of(condition.value.strip());
            items.add(new ContactFilter.Condition(condition.field.strip(), operator, values));
        }
        for (Group child : group.groups) {
            ContactFilter filter = toFilter(child);
            if (filter instanceof ContactFilter.Group nested && nested.items().isEmpty()) {
                continue; // an empty group would match everyone, and under OR that is surely not meant
            }
            items.add(filter);
        }
        return new ContactFilter.Group("OR".equals(group.logic) ? ContactFilter.Logic.OR : ContactFilter.Logic.AND, items);
    }

    static Group fromFilter(ContactFilter filter) {
        ContactFilter top = filter instanceof ContactFilter.Group ? filter : ContactFilter.all(filter);
        Group root = fromFilter((ContactFilter.Group) top, ROOT);
        renumber(root);
        return root;
    }

    private static Group fromFilter(ContactFilter.Group filter, String path) {
        Group group = new Group(path, filter.logic() == ContactFilter.Logic.OR ? "OR" : "AND");
        int child = 0;
        for (ContactFilter item : filter.items()) {
            if (item instanceof ContactFilter.Group nested) {
                group.groups.add(fromFilter(nested, path + "." + ++child));
            } else {
                ContactFilter.Condition condition = (ContactFilter.Condition) item;
                group.conditions.add(new Condition(condition.field(),
                        condition.operator() == null ? "EQUALS" : condition.operator().name(), String.join("; ", condition.values())));
            }
        }
        return group;
    }

    /** Applies one builder button: add a condition or a group to a group, remove a condition or a group. */
    static void apply(Group root, String action, String target) {
        switch (action == null ? "" : action) {
            case "addCondition" -> find(root, target).conditions.add(new Condition("", "EQUALS", ""));
            case "addGroup" -> {
                Group parent = find(root, target);
                if (parent.depth() < 5) {
                    int next = parent.groups.stream().mapToInt(g -> Integer.parseInt(g.path.substring(g.path.lastIndexOf('.') + 1)))
                            .max().orElse(0) + 1;
                    Group group = new Group(parent.path + "." + next, "AND".equals(parent.logic) ? "OR" : "AND");
                    group.conditions.add(new Condition("", "EQUALS", ""));
                    parent.groups.add(group);
                }
            }
            case "removeCondition" -> removeCondition(root, parseIndex(target));
            case "removeGroup" -> removeGroup(root, target);
            default -> {
                // an unknown button changes nothing
            }
        }
        renumber(root);
    }

    private static Group find(Group root, String path) {
        Group found = search(root, path);
        return found == null ? root : found;
    }

    private static Group search(Group group, String path) {
        if (group.path.equals(path)) {
            return group;
        }
        for (Group child : group.groups) {
            Group found = search(child, path);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static boolean removeCondition(Group group, int index) {
        if (group.conditions.removeIf(condition -> condition.index == index)) {
            return true;
        }
        return group.groups.stream().anyMatch(child -> removeCondition(child, index));
    }

    private static void removeGroup(Group group, String path) {
        if (!group.groups.removeIf(child -> child.path.equals(path))) {
            group.groups.forEach(child -> removeGroup(child, path));
        }
    }

    private static void renumber(Group root) {
        int[] next = {0};
        renumber(root, next);
    }

    private static void renumber(Group group, int[] next) {
        group.conditions.forEach(condition -> condition.index = next[0]++);
        group.groups.forEach(child -> renumber(child, next));
    }

    private static String parent(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? ROOT : path.substring(0, dot);
    }

    private static String at(List<String> values, int index) {
        return index < values.size() && values.get(index) != null ? values.get(index) : "";
    }

    private static int parseIndex(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
