package org.dozvon.campaigns;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

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

    private static final int MAX_PAGE = 500;

    private final Callbacks callbacks;
    private final Problems problems;
    private final Clock clock;

    CallbacksApi(Callbacks callbacks, Problems problems, Clock clock) {
        this.callbacks = callbacks;
        this.problems = problems;
        this.clock = clock;
    }

    /**
     * Callbacks, latest window first, by keyset: pass an answer's {@code next} as {@code before}.
     * {@code date} (with {@code zone}, default UTC) keeps those whose window starts that day.
     */
    @GetMapping
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    CallbackPage list(@RequestParam(required = false) CallbackStatus status,
                      @RequestParam(required = false) String operator,
                      @RequestParam(required = false) Long campaignId,
                      @RequestParam(required = false) Long contactId,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                      @RequestParam(defaultValue = "UTC") ZoneId zone,
                      @RequestParam(required = false) String before,
                      @RequestParam(defaultValue = "100") int limit) {
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        CallbacksController.Keyset keyset = CallbacksController.Keyset.parse(before);
        List<Callback> page = callbacks.find(new CallbackStore.CallbackFilter(status,
                operator == null || operator.isBlank() ? null : operator.strip(), campaignId, contactId,
                date == null ? null : date.atStartOfDay(zone).toInstant(),
                date == null ? null : date.plusDays(1).atStartOfDay(zone).toInstant(),
                keyset == null ? null : keyset.windowFrom(), keyset == null ? null : keyset.id()), size + 1);
        boolean more = page.size() > size;
        List<Callback> shown = more ? page.subList(0, size) : page;
        return new CallbackPage(shown, more ? CallbacksController.Keyset.of(shown.get(shown.size() - 1)) : null);
    }

    /** What is due now (by the server's clock), earliest window first. */
    @GetMapping("/due")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    List<Callback> due(@RequestParam(required = false) Long campaignId, @RequestParam(defaultValue = "100") int limit) {
        return callbacks.due(clock.instant(), campaignId, Math.max(1, Math.min(limit, MAX_PAGE)));
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

    record CallbackPage(List<Callback> items, String next) {
    }
}
