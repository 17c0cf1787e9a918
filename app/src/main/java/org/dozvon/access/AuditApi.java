package org.dozvon.access;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;
import org.dozvon.ApiCursor;
import org.dozvon.ApiPage;
import org.dozvon.InvalidRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit-events}: the audit journal over REST, newest first, with the page's filters ({@code from}
 * and {@code to} as ISO-8601 instants, {@code to} excluded). For a security system that pulls rather than
 * receives syslog.
 */
@RestController
@RequiresPermission(Permission.AUDIT_VIEW)
class AuditApi {

    private final AuditJournal journal;

    AuditApi(AuditJournal journal) {
        this.journal = journal;
    }

    /** One record: times ISO-8601 (UTC, microseconds), roles as a list, values as JSON (null when none). */
    record AuditEventDto(long id, Instant at, String username, List<String> roles, String action, String objectType,
                         String objectId, @JsonRawValue String before, @JsonRawValue String after) {

        static AuditEventDto of(AuditEvent event) {
            return new AuditEventDto(event.id(), event.at(), event.username(),
                    event.roles().isEmpty() ? List.of() : List.of(event.roles().split(",")), event.action(),
                    event.objectType(), event.objectId(), event.before(), event.after());
        }
    }

    @GetMapping("/api/v1/audit-events")
    ApiPage<AuditEventDto> list(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                @RequestParam(required = false) String user, @RequestParam(required = false) String action,
                                @RequestParam(required = false) String objectType,
                                @RequestParam(required = false) String objectId,
                                @RequestParam(required = false) String text,
                                @RequestParam(required = false) String cursor,
                                @RequestParam(required = false) Integer limit) {
        int size = ApiPage.limit(limit);
        AuditJournal.Filter filter = new AuditJournal.Filter(instant("from", from), instant("to", to), user, action,
                objectType, objectId, text);
        List<AuditEvent> rows = journal.find(filter, key(cursor), size + 1);
        return ApiPage.of(rows, size, AuditEventDto::of, event -> new Object[] {event.at().toString(), event.id()});
    }

    private static AuditJournal.Key key(String cursor) {
        List<Object> keys = ApiCursor.decode(cursor, 2);
        if (keys == null) {
            return null;
        }
        try {
            return new AuditJournal.Key(Instant.parse((String) keys.get(0)), ((Number) keys.get(1)).longValue());
        } catch (ClassCastException | NullPointerException | DateTimeParseException e) {
            throw new InvalidRequest("cursor", "api.cursor.invalid");
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequest(name, "api.param.invalid", value);
        }
    }
}
