package org.dozvon.campaigns;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.dozvon.ApiPage;
import org.dozvon.web.Problems;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/caller-ids} and {@code /api/v1/caller-id-groups}: caller IDs and their groups over REST. */
@RestController
class CallerIdsApi {

    private final CallerIds callerIds;
    private final Problems problems;

    CallerIdsApi(CallerIds callerIds, Problems problems) {
        this.callerIds = callerIds;
        this.problems = problems;
    }

    /** Caller IDs in id order ({@link ApiPage}); {@code q} keeps those whose number or description contains it. */
    @GetMapping("/api/v1/caller-ids")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    ApiPage<CallerId> numbers(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String cursor,
                              @RequestParam(required = false) Integer limit) {
        String text = q.strip().toLowerCase(Locale.ROOT);
        return ApiPage.byId(callerIds.numbers().stream()
                .filter(number -> text.isEmpty() || number.number().contains(text)
                        || (number.description() != null && number.description().toLowerCase(Locale.ROOT).contains(text)))
                .toList(), cursor, limit, CallerId::id, number -> number);
    }

    @GetMapping("/api/v1/caller-ids/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    CallerId number(@PathVariable long id) {
        return callerIds.numbers().stream().filter(number -> number.id() == id).findFirst()
                .orElseThrow(() -> new ReferenceNotFound("caller ID " + id));
    }

    /** Body: {@code {"number": "+74951234567", "description": "..."}}. */
    @PostMapping("/api/v1/caller-ids")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> add(@RequestBody NumberRequest request) {
        ReferenceResult result = callerIds.addNumber(request.number(), request.description());
        if (!result.ok()) {
            return problems.invalid(result.violations());
        }
        CallerId created = callerIds.numbers().stream().filter(n -> n.id() == result.id()).findFirst().orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/caller-ids/" + result.id())).body(created);
    }

    @DeleteMapping("/api/v1/caller-ids/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> delete(@PathVariable long id) {
        callerIds.deleteNumber(id);
        return ResponseEntity.noContent().build();
    }

    /** Groups in id order ({@link ApiPage}); {@code q} keeps those whose name contains it (any case). */
    @GetMapping("/api/v1/caller-id-groups")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    ApiPage<CallerIdGroup> groups(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String cursor,
                                  @RequestParam(required = false) Integer limit) {
        String text = q.strip().toLowerCase(Locale.ROOT);
        return ApiPage.byId(callerIds.groups().stream()
                .filter(group -> text.isEmpty() || group.name().toLowerCase(Locale.ROOT).contains(text)).toList(),
                cursor, limit, CallerIdGroup::id, group -> group);
    }

    @GetMapping("/api/v1/caller-id-groups/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    CallerIdGroup group(@PathVariable long id) {
        return callerIds.existingGroup(id);
    }

    /** Body: name, description and the member caller IDs by number. */
    @PostMapping("/api/v1/caller-id-groups")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> create(@RequestBody GroupRequest request) {
        ReferenceResult result = callerIds.saveGroup(null, request.name(), request.description(),
                request.numbers() == null ? List.of() : request.numbers());
        if (!result.ok()) {
            return problems.invalid(result.violations());
        }
        return ResponseEntity.created(URI.create("/api/v1/caller-id-groups/" + result.id())).body(group(result.id()));
    }

    /** Renames the group; with {@code numbers}, its members become exactly these. */
    @PutMapping("/api/v1/caller-id-groups/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> update(@PathVariable long id, @RequestBody GroupRequest request) {
        ReferenceResult result = callerIds.saveGroup(id, request.name(), request.description(), request.numbers());
        return result.ok() ? ResponseEntity.ok(group(id)) : problems.invalid(result.violations());
    }

    @DeleteMapping("/api/v1/caller-id-groups/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> deleteGroup(@PathVariable long id) {
        callerIds.deleteGroup(id);
        return ResponseEntity.noContent().build();
    }

    record NumberRequest(String number, String description) {
    }

    record GroupRequest(String name, String description, List<String> numbers) {
    }
}
