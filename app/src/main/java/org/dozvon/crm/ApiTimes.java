package org.dozvon.crm;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.dozvon.InvalidRequest;

/** Times a CRM sends: ISO-8601 with an offset ({@code 2031-03-03T12:00:00+03:00}, or {@code Z}). */
final class ApiTimes {

    private ApiTimes() {
    }

    /** The instant, or a 422 naming the field. */
    static Instant parse(String field, String text) {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequest(field, "crm.error.time", text);
        }
    }
}
