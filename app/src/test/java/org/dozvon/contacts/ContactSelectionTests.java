package org.dozvon.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dozvon.contacts.ContactFilter.Operator.CONTAINS;
import static org.dozvon.contacts.ContactFilter.Operator.EQUALS;
import static org.dozvon.contacts.ContactFilter.Operator.GREATER;
import static org.dozvon.contacts.ContactFilter.Operator.IN;
import static org.dozvon.contacts.ContactFilter.Operator.LESS;
import static org.dozvon.contacts.ContactFilter.Operator.NOT_EQUALS;
import static org.dozvon.contacts.ContactFilter.all;
import static org.dozvon.contacts.ContactFilter.any;
import static org.dozvon.contacts.ContactFilter.condition;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.dozvon.ApplicationTestBase;
import org.dozvon.Violation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Which contacts a campaign's selection takes, and in what order, straight against PostgreSQL. */
class ContactSelectionTests extends ApplicationTestBase {

    @Autowired
    ContactSelections selections;
    @Autowired
    ContactCatalogue catalogue;
    @Autowired
    ContactLists contactLists;
    @Autowired
    DncLists dncLists;
    @Autowired
    JdbcClient jdbc;

    private String s;
    private long listId;
    private final Map<String, Long> ids = new HashMap<>();
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @BeforeEach
    void aListOfFiveContacts() {
        s = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        List<Long> fields = List.of(field("client", FieldType.TEXT, true), field("name", FieldType.TEXT, false),
                field("city", FieldType.TEXT, false), field("amount", FieldType.NUMBER, false), field("due", FieldType.DATE, false),
                field("prio", FieldType.NUMBER, false), field("phone", FieldType.PHONE, false), field("mail", FieldType.EMAIL, false));
        listId = list("Selection " + s, fields);
        add(listId, contact("ivan", "Иван", "Казань", "100", today.minusDays(10), "3"),
                contact("petr", "Пётр", "Москва", "250,5", today.plusDays(3), "1"),
                contact("maria", "Мария", "Казань", "1000", today.plusDays(30), null),
                contact("anna", "Анна", "Уфа", null, today, "2"),
                contact("oleg", "Олег", "казань", "50", null, "5"));
    }

    @Test
    void equalsMatchesTheExactTextValue() {
        assertThat(names(condition(f("city"), EQUALS, "Казань"))).containsExactly("ivan", "maria");
        assertThat(names(condition(f("phone"), EQUALS, phoneOf("petr").replace("+7", "8 ")))).as("phones as people write them")
                .containsExactly("petr");
        assertThat(names(condition(f("mail"), EQUALS, "ANNA." + s + "@Example.org"))).containsExactly("anna");
    }

    @Test
    void notEqualsKeepsContactsWithoutAValue() {
        assertThat(names(condition(f("amount"), NOT_EQUALS, "100"))).containsExactly("petr", "maria", "anna", "oleg");
        assertThat(names(condition(f("city"), NOT_EQUALS, "Казань"))).containsExactly("petr", "anna", "oleg");
    }

    @Test
    void greaterAndLessCompareNumbersAsNumbers() {
        assertThat(names(condition(f("amount"), GREATER, "99"))).containsExactly("ivan", "petr", "maria");
        assertThat(names(condition(f("amount"), GREATER, "250.4"))).containsExactly("petr", "maria");
        assertThat(names(condition(f("amount"), LESS, "100"))).containsExactly("oleg");
    }

    @Test
    void inListTakesAnyOfItsValues() {
        assertThat(names(condition(f("city"), IN, "Москва", "Уфа"))).containsExactly("petr", "anna");
        assertThat(names(condition(f("amount"), IN, "100", "50,0"))).containsExactly("ivan", "oleg");
        assertThat(names(condition(f("due"), IN, "today", today.plusDays(3).toString()))).containsExactly("petr", "anna");
    }

    @Test
    void containsIgnoresCase() {
        assertThat(names(condition(f("name"), CONTAINS, "ан"))).containsExactly("ivan", "anna");
        assertThat(names(condition(f("city"), CONTAINS, "КАЗ"))).containsExactly("ivan", "maria", "oleg");
    }

    @Test
    void datesCompareWithTodayPlusOrMinusDays() {
        assertThat(names(condition(f("due"), LESS, "today"))).containsExactly("ivan");
        assertThat(names(condition(f("due"), EQUALS, "today"))).containsExactly("anna");
        assertThat(names(condition(f("due"), GREATER, "today + 7"))).containsExactly("maria");
        assertThat(names(condition(f("due"), LESS, "today+5"))).containsExactly("ivan", "petr", "anna");
        assertThat(names(condition(f("due"), GREATER, "сегодня-11"))).containsExactly("ivan", "petr", "maria", "anna");
        String inTenDays = today.plusDays(10).format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy"));
        assertThat(names(condition(f("due"), LESS, inTenDays))).containsExactly("ivan", "petr", "anna");
    }

    @Test
    void groupsNestWithAndAndOr() {
        ContactFilter kazanBigOrLate = all(condition(f("city"), EQUALS, "Казань"),
                any(condition(f("amount"), GREATER, "500"), condition(f("due"), LESS, "today")));
        assertThat(names(kazanBigOrLate)).containsExactly("ivan", "maria");

        ContactFilter either = any(all(condition(f("city"), EQUALS, "Москва"), condition(f("prio"), EQUALS, "1")),
                all(condition(f("city"), CONTAINS, "уфа")), condition(f("name"), EQUALS, "Олег"));
        assertThat(names(either)).containsExactly("petr", "anna", "oleg");
        assertThat(names(all())).as("an empty group takes everyone").hasSize(5);
        assertThat(names(any(condition(f("city"), EQUALS, "Тверь")))).isEmpty();
    }

    @Test
    void valuesNeverBecomeSql() {
        assertThat(names(condition(f("city"), EQUALS, "Казань' or '1'='1"))).isEmpty();
        assertThat(names(condition(f("name"), CONTAINS, "%"))).isEmpty();
        assertThat(names(condition(f("name"), CONTAINS, "'); delete from contact; --"))).isEmpty();
        assertThat(count(ContactFilter.NONE)).isEqualTo(5);
    }

    @Test
    void unknownFieldsAndMismatchedOperatorsAreRefusedWithReasons() {
        List<Violation> violations = selections.check(selection(all(
                condition("city' or 1=1 --", EQUALS, "x"),
                condition(f("city"), GREATER, "Казань"),
                condition(f("amount"), CONTAINS, "1"),
                condition(f("amount"), EQUALS, "lots"),
                condition(f("due"), LESS, "tomorrow"),
                condition(f("name"), EQUALS, "a", "b"),
                condition(f("name"), IN),
                new ContactFilter.Condition(f("name"), null, List.of("x")))));

        assertThat(violations).extracting(Violation::messageKey).containsExactly(
                "selection.error.unknownField", "selection.error.compareText", "selection.error.containsOrdered",
                "selection.error.number", "selection.error.date", "selection.error.oneValue", "selection.error.noValue",
                "selection.error.noOperator");
        assertThat(violations).extracting(Violation::field).containsOnly("filter");
        assertThatThrownBy(() -> selections.count(selection(condition("nope_" + s, EQUALS, "x"))))
                .isInstanceOf(ContactSelections.InvalidSelectionException.class)
                .hasMessageContaining("selection.error.unknownField");

        ContactSelection noLists = new ContactSelection(List.of(), null, null, 0,
                new ContactSelection.Ordering("nope_" + s, false), Set.of(-1L), null);
        assertThat(selections.check(noLists)).extracting(Violation::field)
                .containsExactly("lists", "dncLists", "percent", "ordering");
    }

    @Test
    void thePercentageTakesTheSameShareEveryTime() {
        long big = list("Big " + s, List.of(catalogue.fields().stream().filter(f -> f.code().equals(f("client"))).findFirst().orElseThrow().id(),
                catalogue.fields().stream().filter(f -> f.code().equals(f("phone"))).findFirst().orElseThrow().id()));
        List<Map<String, String>> many = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            many.add(Map.of(f("client"), "B" + i, f("phone"), "+7912" + String.format("%07d", i)));
        }
        contactLists.write(contactLists.schema(big).orElseThrow(), many, false);
        ContactSelection third = new ContactSelection(List.of(big), null, null, 30, null, Set.of(), null);

        List<Long> first = walk(third, 1000);
        assertThat(first).hasSizeBetween(80, 160).hasSize((int) selections.count(third));
        assertThat(walk(third, 7)).as("same contacts, whatever the page size").isEqualTo(first);
        assertThat(walk(new ContactSelection(List.of(big), null, null, 60, null, Set.of(), null), 1000))
                .as("a larger share contains the smaller").containsAll(first);
        assertThat(selections.count(new ContactSelection(List.of(big), null, null, 100, null, Set.of(), null))).isEqualTo(400);
    }

    @Test
    void aPriorityFieldOrdersContactsAndThoseWithoutAValueComeLast() {
        ContactSelection byPriority = new ContactSelection(List.of(listId), null, null, 100,
                new ContactSelection.Ordering(f("prio"), false), Set.of(), null);
        ContactSelection highestFirst = new ContactSelection(List.of(listId), null, null, 100,
                new ContactSelection.Ordering(f("prio"), true), Set.of(), null);

        assertThat(namesOf(walk(byPriority, 1000))).containsExactly("petr", "anna", "ivan", "oleg", "maria");
        assertThat(namesOf(walk(byPriority, 2))).as("keyset pages of two").containsExactly("petr", "anna", "ivan", "oleg", "maria");
        assertThat(namesOf(walk(highestFirst, 1))).containsExactly("oleg", "ivan", "anna", "petr", "maria");
        assertThat(namesOf(walk(new ContactSelection(List.of(listId), null, null, 100,
                new ContactSelection.Ordering(f("due"), false), Set.of(), null), 2)))
                .containsExactly("ivan", "anna", "petr", "maria", "oleg");
        assertThat(namesOf(walk(new ContactSelection(List.of(listId), null, null, 100,
                new ContactSelection.Ordering(f("city"), true), Set.of(), null), 3)))
                .as("text in code-point order, ties by id").containsExactly("oleg", "anna", "petr", "ivan", "maria");
        assertThat(namesOf(walk(new ContactSelection(List.of(listId), null, null, 100,
                new ContactSelection.Ordering(null, true), Set.of(), null), 2)))
                .as("newest first").containsExactly("oleg", "anna", "maria", "petr", "ivan");
    }

    @Test
    void listsInOrderComeOneAfterAnotherAndInAnyOrderAsOne() {
        long second = list("Second " + s, List.of(fieldId("client"), fieldId("name"), fieldId("phone")));
        add(second, Map.of(f("client"), "zoe", f("name"), "Зоя", f("phone"), "+79990000001"));
        add(listId, contact("late", "Поздний", "Казань", null, null, null));

        ContactSelection inOrder = new ContactSelection(List.of(second, listId), ContactSelection.ListOrder.IN_ORDER, null, 100,
                null, Set.of(), null);
        ContactSelection anyOrder = new ContactSelection(List.of(second, listId), ContactSelection.ListOrder.ANY_ORDER, null, 100,
                null, Set.of(), null);

        assertThat(namesOf(walk(inOrder, 2))).containsExactly("zoe", "ivan", "petr", "maria", "anna", "oleg", "late");
        assertThat(namesOf(walk(inOrder, 1))).containsExactly("zoe", "ivan", "petr", "maria", "anna", "oleg", "late");
        assertThat(namesOf(walk(anyOrder, 3))).containsExactly("ivan", "petr", "maria", "anna", "oleg", "zoe", "late");
        assertThat(selections.count(inOrder)).isEqualTo(7);
        ContactSelection.Page page = selections.eligible(inOrder, null, 3);
        assertThat(ContactSelection.Cursor.decode(page.next().encode())).isEqualTo(page.next());
    }

    @Test
    void contactsInTheCampaignsDncListsAreLeftOut() {
        long honoured = dncList("Honoured " + s);
        long other = dncList("Other " + s);
        dncLists.add(honoured, List.of(phoneOf("petr"), "Maria." + s + "@example.org"), null, "test");
        dncLists.add(other, List.of(phoneOf("ivan")), null, "test");

        ContactSelection withDnc = new ContactSelection(List.of(listId), null, null, 100, null, Set.of(honoured), null);
        assertThat(namesOf(walk(withDnc, 2))).containsExactly("ivan", "anna", "oleg");
        assertThat(selections.count(withDnc)).isEqualTo(3);
        assertThat(selections.count(new ContactSelection(List.of(listId), null, null, 100, null, Set.of(honoured, other), null)))
                .isEqualTo(2);
        assertThat(selections.count(new ContactSelection(List.of(listId), null, null, 100, null, Set.of(), null)))
                .as("no DNC list honoured").isEqualTo(5);
    }

    @Test
    void filtersTravelAsJson() throws Exception {
        ContactFilter filter = all(condition(f("city"), EQUALS, "Казань"), any(condition(f("amount"), IN, "1", "2")));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

        String text = json.writeValueAsString(filter);

        assertThat(text).isEqualTo("{\"logic\":\"AND\",\"items\":[{\"field\":\"city_" + s + "\",\"operator\":\"EQUALS\",\"values\":[\"Казань\"]},"
                + "{\"logic\":\"OR\",\"items\":[{\"field\":\"amount_" + s + "\",\"operator\":\"IN\",\"values\":[\"1\",\"2\"]}]}]}");
        assertThat(json.readValue(text, ContactFilter.class)).isEqualTo(filter);
    }

    private List<String> names(ContactFilter filter) {
        return namesOf(walk(selection(filter), 1000));
    }

    private long count(ContactFilter filter) {
        return selections.count(selection(filter));
    }

    private ContactSelection selection(ContactFilter filter) {
        return new ContactSelection(List.of(listId), null, filter, 100, null, Set.of(), ZoneOffset.UTC);
    }

    private List<Long> walk(ContactSelection selection, int pageSize) {
        List<Long> all = new ArrayList<>();
        ContactSelection.Cursor cursor = null;
        do {
            ContactSelection.Page page = selections.eligible(selection, cursor, pageSize);
            all.addAll(page.contactIds());
            cursor = page.next();
        } while (cursor != null);
        assertThat(new HashSet<>(all)).as("no contact twice").hasSameSizeAs(all);
        return all;
    }

    private List<String> namesOf(List<Long> contactIds) {
        Map<Long, String> byId = new HashMap<>();
        ids.forEach((name, id) -> byId.put(id, name));
        return contactIds.stream().map(byId::get).toList();
    }

    private String f(String code) {
        return code + "_" + s;
    }

    private long fieldId(String code) {
        return catalogue.fields().stream().filter(field -> field.code().equals(f(code))).findFirst().orElseThrow().id();
    }

    private long field(String code, FieldType type, boolean clientId) {
        ContactCatalogue.Result result = catalogue.saveField(null, f(code), code, type, null, clientId);
        assertThat(result.violations()).isEmpty();
        return result.id();
    }

    private long list(String name, List<Long> fields) {
        ContactCatalogue.Result result = catalogue.saveList(null, name, null, fields, Set.of());
        assertThat(result.violations()).isEmpty();
        return result.id();
    }

    private long dncList(String name) {
        return dncLists.save(null, name, null).id();
    }

    private Map<String, String> contact(String client, String name, String city, String amount, LocalDate due, String prio) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(f("client"), client);
        values.put(f("name"), name);
        values.put(f("city"), city);
        values.put(f("amount"), amount);
        values.put(f("due"), due == null ? null : due.toString());
        values.put(f("prio"), prio);
        values.put(f("phone"), "+7912" + String.format("%07d", Math.abs((client + s).hashCode()) % 10_000_000));
        values.put(f("mail"), client + "." + s + "@example.org");
        return values;
    }

    @SafeVarargs
    private void add(long list, Map<String, String>... contacts) {
        ListSchema schema = contactLists.schema(list).orElseThrow();
        ContactLists.WriteReport report = contactLists.write(schema, List.of(contacts), false);
        assertThat(report.rejected()).as("%s", report.problems()).isZero();
        jdbc.sql("select id, client_id from contact where list_id = :list").param("list", list)
                .query((rs, n) -> ids.put(rs.getString(2), rs.getLong(1))).list();
    }

    private String phoneOf(String client) {
        return jdbc.sql("select number from contact_phone p join contact c on c.id = p.contact_id where c.id = :id")
                .param("id", ids.get(client)).query(String.class).single();
    }
}
