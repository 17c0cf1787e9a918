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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/code-groups}: groups of operator completion codes over REST. */
@RestController
@RequestMapping("/api/v1/code-groups")
class CodeGroupsApi {

    private final CompletionCodes codes;
    private final Problems problems;

    CodeGroupsApi(CompletionCodes codes, Problems problems) {
        this.codes = codes;
        this.problems = problems;
    }

    /** Groups in id order ({@link ApiPage}); {@code q} keeps those whose name contains it (any case). */
    @GetMapping
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    ApiPage<GroupDto> list(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String cursor,
                           @RequestParam(required = false) Integer limit) {
        String text = q.strip().toLowerCase(Locale.ROOT);
        return ApiPage.byId(codes.groups().stream()
                .filter(group -> text.isEmpty() || group.name().toLowerCase(Locale.ROOT).contains(text)).toList(),
                cursor, limit, CodeGroup::id, GroupDto::of);
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    GroupDto get(@PathVariable long id) {
        return GroupDto.of(codes.existingGroup(id));
    }

    /** Body: name, description and the member codes by key, in order. */
    @PostMapping
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> create(@RequestBody GroupRequest request) {
        ReferenceResult result = codes.saveGroup(null, request.name(), request.description(),
                request.codes() == null ? List.of() : request.codes());
        if (!result.ok()) {
            return problems.invalid(result.violations());
        }
        return ResponseEntity.created(URI.create("/api/v1/code-groups/" + result.id())).body(get(result.id()));
    }

    /** Renames the group; with {@code codes}, its members become exactly these, in this order. */
    @PutMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> update(@PathVariable long id, @RequestBody GroupRequest request) {
        ReferenceResult result = codes.saveGroup(id, request.name(), request.description(), request.codes());
        return result.ok() ? ResponseEntity.ok(get(id)) : problems.invalid(result.violations());
    }

    @DeleteMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> delete(@PathVariable long id) {
        ReferenceResult result = codes.deleteGroup(id);
        return result.ok() ? ResponseEntity.noContent().build() : problems.conflict(result.violations());
    }

    record GroupRequest(String name, String description, List<String> codes) {
    }

    record GroupDto(long id, String name, String description, List<CompletionCodesApi.CodeDto> codes) {
        static GroupDto of(CodeGroup group) {
            return new GroupDto(group.id(), group.name(), group.description(),
                    group.codes().stream().map(CompletionCodesApi.CodeDto::of).toList());
        }
    }
}
