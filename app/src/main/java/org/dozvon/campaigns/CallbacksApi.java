package org.dozvon.campaigns;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.dozvon.ApiCursor;
import org.dozvon.ApiPage;
import org.dozvon.InvalidRequest;
import org.dozvon.web.Problems;
import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/callbacks}: callbacks over REST. */
@RestController
@RequestMapping("/api/v1/callbacks")
class CallbacksApi {

    private final Callbacks callbacks;
    private final Problems problems;
    private final Clock clock;

    CallbacksApi(Callbacks callbacks, Problems problems, Clock clock) {
        this.callbacks = callbacks;
        this.problems = problems;
        this.clock = clock;
    }

    /**
     * Callbacks, latest window first ({@link ApiPage}: keyset by the window's start, then id).
     *
     * @param date       only those whose window starts that day (in {@code zone}, default UTC)
     * @param from       only those whose window starts at or after this time (ISO-8601 with offset)
     * @param to         only those whose window starts before this time
     * @param operator   only PERSONAL callbacks of this operator (user name)
     */
    @GetMapping
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    ApiPage<Callback> list(@RequestParam(required = false) CallbackStatus status,
                           @RequestParam(required = false) String operator,
                           @RequestParam(required = false) Long campaignId,
                           @RequestParam(required = false) Long contactId,
                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                           @RequestParam(defaultValue = "UTC") ZoneId zone,
                           @RequestParam(required = false) OffsetDateTime from,
                           @RequestParam(required = false) OffsetDateTime to,
                           @RequestParam(required = false) String cursor,
                           @RequestParam(required = false) Integer limit) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRequest("to", "api.param.range");
        }
        int size = ApiPage.limit(limit);
        Keyset after = Keyset.decode(cursor);
        Instant windowFrom = latest(date == null ? null : date.atStartOfDay(zone).toInstant(),
                from == null ? null : from.toInstant());
        Instant windowTo = earliest(date == null ? null : date.plusDays(1).atStartOfDay(zone).toInstant(),
                to == null ? null : to.toInstant());
        List<Callback> rows = callbacks.find(new CallbackStore.CallbackFilter(status,
                operator == null || operator.isBlank() ? null : operator.strip(), campaignId, contactId,
                windowFrom, windowTo, after == null ? null : after.windowFrom(), after == null ? null : after.id()),
                size + 1);
        return ApiPage.of(rows, size, callback -> callback, Keyset::of);
    }

    /** What is due now (by the server's clock), earliest window first ({@link ApiPage}). */
    @GetMapping("/due")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    ApiPage<Callback> due(@RequestParam(required = false) Long campaignId, @RequestParam(required = false) String cursor,
                          @RequestParam(required = false) Integer limit) {
        int size = ApiPage.limit(limit);
        Keyset after = Keyset.decode(cursor);
        List<Callback> rows = callbacks.due(clock.instant(), campaignId, after == null ? null : after.windowFrom(),
                after == null ? 0 : after.id(), size + 1);
        return ApiPage.of(rows, size, callback -> callback, Keyset::of);
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    Callback get(@PathVariable long id) {
        return callbacks.callback(id).orElseThrow(() -> new ReferenceNotFound("callback " + id));
    }

    /**
     * Body: contactId, campaignId, phone, type (STANDARD, CAMPAIGN, PERSONAL), operator (PERSONAL only),
     * windowFrom, windowTo (ISO instants), comment.
     */
    @PostMapping
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> create(@RequestBody NewCallback request, @AuthenticationPrincipal DozvonUser user) {
        try {
            Callback callback = callbacks.schedule(request, user.getUsername());
            return ResponseEntity.created(URI.create("/api/v1/callbacks/" + callback.id())).body(callback);
        } catch (CallbackRefused e) {
            return problems.invalid(e.violations());
        }
    }

    /** Marks a pending or due callback done; 409 when it is closed already. */
    @PostMapping("/{id}/complete")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    Callback complete(@PathVariable long id, @AuthenticationPrincipal DozvonUser user) {
        return callbacks.complete(id, user.getUsername());
    }

    /** Cancels a pending or due callback; 409 when it is closed already. */
    @PostMapping("/{id}/cancel")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    Callback cancel(@PathVariable long id, @AuthenticationPrincipal DozvonUser user) {
        return callbacks.cancel(id, user.getUsername());
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    /** A position in a list of callbacks: the start of a callback's window and its id. */
    private record Keyset(Instant windowFrom, long id) {

        static Object[] of(Callback callback) {
            return new Object[] {callback.windowFrom().toString(), callback.id()};
        }

        static Keyset decode(String cursor) {
            List<Object> keys = ApiCursor.decode(cursor, 2);
            if (keys == null) {
                return null;
            }
            try {
                return new Keyset(Instant.parse((String) keys.get(0)), ((Number) keys.get(1)).longValue());
            } catch (ClassCastException | NullPointerException | DateTimeParseException e) {
                throw new InvalidRequest("cursor", "api.cursor.invalid");
            }
        }
    }
}
