package org.dozvon.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@link ContactLists#changeFields}: some of a contact's values changed (a CRM's fresh data), each checked as any
 * edit is; a refused change keeps its field's old value and says why, the others are saved together.
 */
class ContactFieldChangesTests extends ApplicationTestBase {

    private final ObjectMapper json = new ObjectMapper();
    private PortalClient api;
    private String suffix;
    private long contactId;

    @Autowired
    ContactLists lists;
    @Autowired
    ContactCards cards;

    @BeforeEach
    void aContact() throws Exception {
        api = portal();
        suffix = UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
        field("name_" + suffix, "TEXT");
        field("phone_" + suffix, "PHONE");
        field("amount_" + suffix, "NUMBER");
        field("due_" + suffix, "DATE");
        HttpResponse<String> list = api.apiSend("POST", "/api/v1/contact-lists", """
                {"name": "Changes %1$s", "fields": [{"code": "name_%1$s", "required": true}, {"code": "phone_%1$s"},
                  {"code": "amount_%1$s"}, {"code": "due_%1$s"}]}""".formatted(suffix), "admin", ADMIN_PASSWORD);
        long listId = json.readTree(list.body()).get("id").asLong();
        api.apiSend("POST", "/api/v1/contact-lists/" + listId + "/contacts", """
                [{"name_%1$s": "Иван", "phone_%1$s": "+79120000001", "amount_%1$s": "1000", "due_%1$s": "2030-01-01"}]"""
                .formatted(suffix), "admin", ADMIN_PASSWORD);
        HttpResponse<String> found = api.apiSend("GET", "/api/v1/contact-lists/" + listId + "/contacts", null, "admin",
                ADMIN_PASSWORD);
        contactId = json.readTree(found.body()).get("items").get(0).get("id").asLong();
    }

    @Test
    void acceptedChangesAreSavedCheckedAndRefusedOnesKeepTheOldValue() {
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("name_" + suffix, "Иван");
        changes.put("phone_" + suffix, "8 (912) 000-00-02");
        changes.put("amount_" + suffix, "2 500,50");
        changes.put("due_" + suffix, "some day");
        changes.put("shoe_size", "42");

        ContactLists.FieldChanges done = lists.changeFields(contactId, changes).orElseThrow();

        assertThat(done.changed()).containsExactlyInAnyOrder("phone_" + suffix, "amount_" + suffix);
        assertThat(done.refused()).extracting(CheckedContact.Problem::describe).containsExactlyInAnyOrder(
                "field 'shoe_size': '42' is not a field of list 'Changes " + suffix + "'",
                "field 'due_" + suffix + "': 'some day' is not a date (expected 2026-11-24, 24.11.2026 or 24/11/2026)");
        ContactCards.Card card = cards.card(contactId).orElseThrow();
        assertThat(card.values()).containsEntry("name_" + suffix, "Иван").containsEntry("phone_" + suffix, "+79120000002")
                .containsEntry("due_" + suffix, "2030-01-01");
        assertThat(new java.math.BigDecimal(card.values().get("amount_" + suffix).toString())).isEqualByComparingTo("2500.50");
        assertThat(card.phones()).extracting(ContactCards.Phone::number).containsExactly("+79120000002");
        assertThat(done.after()).containsEntry("phone_" + suffix, "+79120000002");
    }

    @Test
    void anEmptyValueClearsAFieldUnlessItIsRequired() {
        ContactLists.FieldChanges done = lists.changeFields(contactId,
                Map.of("amount_" + suffix, "", "name_" + suffix, "")).orElseThrow();

        assertThat(done.changed()).containsExactly("amount_" + suffix);
        assertThat(done.refused()).extracting(CheckedContact.Problem::describe)
                .containsExactly("field 'name_" + suffix + "' is required");
        assertThat(cards.card(contactId).orElseThrow().values()).doesNotContainKey("amount_" + suffix)
                .containsEntry("name_" + suffix, "Иван");
    }

    @Test
    void thereIsNothingToChangeOfAContactThatIsGone() {
        assertThat(lists.changeFields(Long.MAX_VALUE, Map.of("name_" + suffix, "x"))).isEmpty();
    }

    private void field(String code, String type) {
        api.apiSend("POST", "/api/v1/contact-fields", "{\"code\": \"%s\", \"name\": \"%1$s\", \"type\": \"%s\"}"
                .formatted(code, type), "admin", ADMIN_PASSWORD);
    }
}
