package org.dozvon.contacts;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.ApiCursor;
import org.dozvon.ApiPage;
import org.dozvon.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/v1/dnc-lists}: do-not-call lists over REST. */
@RestController
@RequestMapping("/api/v1/dnc-lists")
class DncApi {

    private final DncLists dnc;
    private final Problems problems;

    DncApi(DncLists dnc, Problems problems) {
        this.dnc = dnc;
        this.problems = problems;
    }

    /** DNC lists in id order ({@link ApiPage}); {@code q} keeps those whose name contains it (any case). */
    @GetMapping
    @RequiresPermission(Permission.CONTACTS_VIEW)
    ApiPage<DncStore.DncList> lists(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String cursor,
                                    @RequestParam(required = false) Integer limit) {
        String text = q.strip().toLowerCase(Locale.ROOT);
        return ApiPage.byId(dnc.lists().stream()
                .filter(list -> text.isEmpty() || list.name().toLowerCase(Locale.ROOT).contains(text)).toList(),
                cursor, limit, DncStore.DncList::id, list -> list);
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    DncStore.DncList list(@PathVariable long id) {
        return dnc.list(id);
    }

    @PostMapping
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    ResponseEntity<?> create(@RequestBody NewDncList request) {
        ContactCatalogue.Result result = dnc.save(null, request.name(), request.description());
        if (!result.ok()) {
            return problems.invalid(result.violations());
        }
        return ResponseEntity.created(URI.create("/api/v1/dnc-lists/" + result.id())).body(dnc.list(result.id()));
    }

    /**
     * Entries newest first ({@link ApiPage}, keyset by id).
     *
     * @param q    only entries whose value contains this (a number's digits, part of an address)
     * @param kind only PHONE or EMAIL entries
     */
    @GetMapping("/{id}/entries")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    ApiPage<DncStore.Entry> entries(@PathVariable long id, @RequestParam(defaultValue = "") String q,
                                    @RequestParam(required = false) DncStore.Kind kind,
                                    @RequestParam(required = false) String cursor,
                                    @RequestParam(required = false) Integer limit) {
        dnc.list(id);
        int size = ApiPage.limit(limit);
        List<DncStore.Entry> rows = dnc.entries(id, q, kind, ApiCursor.decodeId(cursor), size + 1);
        return ApiPage.of(rows, size, entry -> entry, entry -> new Object[] {entry.id()});
    }

    /** Body: phone numbers (any usual format) and e-mail addresses. */
    @PostMapping("/{id}/entries")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    DncLists.AddReport add(@PathVariable long id, @RequestBody List<String> values,
                           @RequestParam(required = false) String comment, @AuthenticationPrincipal DozvonUser user) {
        return dnc.add(id, values, comment, user.getUsername());
    }

    @DeleteMapping("/{id}/entries/{entryId}")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    ResponseEntity<?> remove(@PathVariable long id, @PathVariable long entryId) {
        dnc.list(id);
        return dnc.remove(id, entryId) ? ResponseEntity.noContent().build()
                : problems.refused(HttpStatus.NOT_FOUND, "dnc.api.noEntry", String.valueOf(entryId), String.valueOf(id));
    }

    record NewDncList(String name, String description) {
    }
}
