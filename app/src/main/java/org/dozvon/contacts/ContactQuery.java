package org.dozvon.contacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the contacts page and the API search by, each answered by an index: a phone number (however it
 * is written), the client id, or the exact value of a text field — of the fields the searching user sees in
 * clear. A value the user sees masked or not at all is never matched: a search must not tell whether a contact
 * has a value the user may not read.
 *
 * @param phoneFieldCodes the phone fields a number may be matched in; null for all of them
 * @param clientId        null when the client id is not to be matched
 */
record ContactQuery(String phoneE164, List<String> phoneFieldCodes, String clientId, List<String> textFieldCodes,
                    String value) {

    static final ContactQuery ALL = new ContactQuery(null, null, null, List.of(), null);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads one search box: a phone number if it is one, and in any case a client id or a text field's exact value. */
    static ContactQuery of(String text, ListSchema schema, PhoneNumbers phoneNumbers, ShownFields shown) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        String value = text.strip();
        PhoneNumbers.Normalized phone = value.chars().filter(Character::isDigit).count() >= 5
                ? phoneNumbers.normalize(value) : null;
        List<String> textFields = schema.fields().stream()
                .filter(field -> field.type() == FieldType.TEXT || field.type() == FieldType.EMAIL)
                .map(ListSchema.Field::code).filter(shown::visible).toList();
        List<String> phoneFields = null;
        if (shown.restrictsPhones()) {
            phoneFields = schema.fields().stream().filter(field -> field.type() == FieldType.PHONE)
                    .map(ListSchema.Field::code).filter(shown::visible).toList();
        }
        boolean clientIdShown = schema.clientIdField().map(field -> shown.visible(field.code())).orElse(true);
        boolean phoneMatched = phone != null && phone.valid() && (phoneFields == null || !phoneFields.isEmpty());
        return new ContactQuery(phoneMatched ? phone.e164() : null, phoneFields, clientIdShown ? value : null,
                textFields, value);
    }

    boolean all() {
        return value == null;
    }

    void appendTo(StringBuilder sql, Map<String, Object> params) {
        if (all()) {
            return;
        }
        List<String> alternatives = new ArrayList<>();
        if (clientId != null) {
            alternatives.add("c.client_id = :clientId");
            params.put("clientId", clientId);
        }
        if (phoneE164 != null) {
            alternatives.add("c.id in (select p.contact_id from contact_phone p where p.number = :phone"
                    + (phoneFieldCodes == null ? "" : " and p.field_code in (:phoneFields)") + ")");
            params.put("phone", phoneE164);
            if (phoneFieldCodes != null) {
                params.put("phoneFields", phoneFieldCodes);
            }
        }
        // one containment test per field: PostgreSQL combines them over the search values' GIN index
        for (int i = 0; i < textFieldCodes.size(); i++) {
            alternatives.add("c.search_values @> cast(:f" + i + " as jsonb)");
            params.put("f" + i, containment(textFieldCodes.get(i), value));
        }
        sql.append(alternatives.isEmpty() ? " and false" : " and (" + String.join(" or ", alternatives) + ")");
    }

    private static String containment(String code, String value) {
        try {
            return JSON.writeValueAsString(Map.of(code, value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
