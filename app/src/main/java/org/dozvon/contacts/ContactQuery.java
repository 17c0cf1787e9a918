package org.dozvon.contacts;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the contacts page and the API search by, each answered by an index: a phone number (however it
 * is written), the client id, or the exact value of a text field.
 */
record ContactQuery(String phoneE164, String clientId, List<String> textFieldCodes, String value) {

    static final ContactQuery ALL = new ContactQuery(null, null, List.of(), null);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads one search box: a phone number if it is one, and in any case a client id or a text field's exact value. */
    static ContactQuery of(String text, ListSchema schema, PhoneNumbers phoneNumbers) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        String value = text.strip();
        PhoneNumbers.Normalized phone = value.chars().filter(Character::isDigit).count() >= 5
                ? phoneNumbers.normalize(value) : null;
        List<String> textFields = schema.fields().stream()
                .filter(field -> field.type() == FieldType.TEXT || field.type() == FieldType.EMAIL)
                .map(ListSchema.Field::code).toList();
        return new ContactQuery(phone != null && phone.valid() ? phone.e164() : null, value, textFields, value);
    }

    boolean all() {
        return value == null;
    }

    void appendTo(StringBuilder sql, Map<String, Object> params) {
        if (all()) {
            return;
        }
        sql.append(" and (c.client_id = :clientId");
        params.put("clientId", clientId);
        if (phoneE164 != null) {
            sql.append(" or c.id in (select p.contact_id from contact_phone p where p.number = :phone)");
            params.put("phone", phoneE164);
        }
        // one containment test per field: PostgreSQL combines them over the search values' GIN index
        for (int i = 0; i < textFieldCodes.size(); i++) {
            sql.append(" or c.search_values @> cast(:f").append(i).append(" as jsonb)");
            params.put("f" + i, containment(textFieldCodes.get(i), value));
        }
        sql.append(")");
    }

    private static String containment(String code, String value) {
        try {
            return JSON.writeValueAsString(Map.of(code, value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
