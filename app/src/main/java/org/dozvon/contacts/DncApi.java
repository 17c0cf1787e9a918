package org.dozvon.contacts;

import java.net.URI;
import java.util.List;

import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
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

    DncApi(DncLists dnc) {
        this.dnc = dnc;
    }

    @GetMapping
    @RequiresPermission(Permission.CONTACTS_VIEW)
    List<DncStore.DncList> lists() {
        return dnc.lists();
    }

    @PostMapping
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    ResponseEntity<?> create(@RequestBody NewDncList request) {
        ContactCatalogue.Result result = dnc.save(null, request.name(), request.description());
        if (!result.ok()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                    "The DNC list needs a name that no other DNC list has");
            return ResponseEntity.unprocessableEntity().body(problem);
        }
        return ResponseEntity.created(URI.create("/api/v1/dnc-lists/" + result.id())).body(dnc.list(result.id()));
    }

    /** Entries newest first, by keyset: pass the {@code nextBefore} of one answer as {@code before}. */
    @GetMapping("/{id}/entries")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    EntryPage entries(@PathVariable long id, @RequestParam(required = false) Long before,
                      @RequestParam(defaultValue = "") String q) {
        dnc.list(id);
        List<DncStore.Entry> page = dnc.entries(id, q, before);
        boolean more = page.size() > DncLists.PAGE_SIZE;
        List<DncStore.Entry> shown = more ? page.subList(0, DncLists.PAGE_SIZE) : page;
        return new EntryPage(shown, more ? shown.get(shown.size() - 1).id() : null);
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
    ResponseEntity<Void> remove(@PathVariable long id, @PathVariable long entryId) {
        if (!dnc.remove(id, entryId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "DNC list " + id + " has no entry " + entryId);
        }
        return ResponseEntity.noContent().build();
    }

    record NewDncList(String name, String description) {
    }

    record EntryPage(List<DncStore.Entry> items, Long nextBefore) {
    }
}
