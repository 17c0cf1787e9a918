package org.dozvon;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The {@code cursor} of {@link ApiPage}: the keyset values of the last item of a page, as base64url JSON. Opaque to
 * callers; a cursor that was tampered with is refused as a bad {@code cursor} parameter (422).
 */
public final class ApiCursor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiCursor() {
    }

    public static String encode(Object... keys) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(keys));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a cursor key that is not JSON: " + List.of(keys), e);
        }
    }

    /**
     * The keys of a cursor, or null for none (first page).
     *
     * @param arity how many keys the list's cursors hold
     */
    public static List<Object> decode(String cursor, int arity) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            List<Object> keys = List.of(JSON.readValue(Base64.getUrlDecoder().decode(cursor), Object[].class));
            if (keys.size() != arity) {
                throw new InvalidRequest("cursor", "api.cursor.invalid");
            }
            return keys;
        } catch (IllegalArgumentException | java.io.IOException | NullPointerException e) {
            throw new InvalidRequest("cursor", "api.cursor.invalid");
        }
    }

    /** The single numeric key of a cursor over ids, or null for the first page. */
    public static Long decodeId(String cursor) {
        List<Object> keys = decode(cursor, 1);
        if (keys == null) {
            return null;
        }
        if (!(keys.get(0) instanceof Number number)) {
            throw new InvalidRequest("cursor", "api.cursor.invalid");
        }
        return number.longValue();
    }
}
