package org.dozvon.campaigns;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

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

/** {@code /api/v1/completion-codes}: completion codes over REST. */
@RestController
@RequestMapping("/api/v1/completion-codes")
class CompletionCodesApi {

    private final CompletionCodes codes;
    private final Problems problems;

    CompletionCodesApi(CompletionCodes codes, Problems problems) {
        this.codes = codes;
        this.problems = problems;
    }

    /**
     * Codes in id order ({@link ApiPage}).
     *
     * @param q        only codes whose key or name contains this (any case)
     * @param active   only active (true) or inactive (false) codes
     * @param groupId  only the codes of this code group (none for a group that does not exist)
     * @param category only codes of this outcome category
     * @param kind     only SYSTEM or OPERATOR codes
     */
    @GetMapping
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    ApiPage<CodeDto> list(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) Boolean active,
                          @RequestParam(required = false) Long groupId,
                          @RequestParam(required = false) OutcomeCategory category,
                          @RequestParam(required = false) CodeKind kind,
                          @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        Set<Long> members = groupId == null ? null : codes.groups().stream().filter(group -> group.id() == groupId)
                .findFirst().map(group -> group.codes().stream().map(CompletionCode::id).collect(Collectors.toSet()))
                .orElse(Set.of());
        return ApiPage.byId(codes.codes().stream()
                .filter(code -> matches(code, q))
                .filter(code -> active == null || code.active() == active)
                .filter(code -> members == null || members.contains(code.id()))
                .filter(code -> category == null || code.category() == category)
                .filter(code -> kind == null || code.kind() == kind)
                .toList(), cursor, limit, CompletionCode::id, CodeDto::of);
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    CodeDto get(@PathVariable long id) {
        return CodeDto.of(codes.existing(id));
    }

    /** Creates an operator code (system codes come with Dozvon). */
    @PostMapping
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> create(@RequestBody CodeRequest request) {
        ReferenceResult result = codes.save(null, request.draft());
        if (!result.ok()) {
            return problems.invalid(result.violations());
        }
        return ResponseEntity.created(URI.create("/api/v1/completion-codes/" + result.id())).body(get(result.id()));
    }

    /** Changes a code; its key ({@code code}) and kind never change, and a system code's category neither. */
    @PutMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> update(@PathVariable long id, @RequestBody CodeRequest request) {
        ReferenceResult result = codes.save(id, request.draft());
        return result.ok() ? ResponseEntity.ok(get(id)) : problems.invalid(result.violations());
    }

    /** Deletes an operator code that no group holds; 409 otherwise (deactivate it instead). */
    @DeleteMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> delete(@PathVariable long id) {
        ReferenceResult result = codes.delete(id);
        return result.ok() ? ResponseEntity.noContent().build() : problems.conflict(result.violations());
    }

    static boolean matches(CompletionCode code, String q) {
        String text = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        return text.isEmpty() || code.code().toLowerCase(Locale.ROOT).contains(text)
                || code.name().toLowerCase(Locale.ROOT).contains(text);
    }

    record CodeRequest(String code, String name, String description, OutcomeCategory category,
                       CodeResolution resolution, Integer retryDelaySeconds, Integer maxAttempts, Boolean active) {
        CompletionCodes.CodeDraft draft() {
            return new CompletionCodes.CodeDraft(code, name, description, category, resolution, retryDelaySeconds,
                    maxAttempts, active);
        }
    }

    record CodeDto(long id, String code, String name, String description, CodeKind kind, OutcomeCategory category,
                   CodeResolution resolution, boolean finalCode, Integer retryDelaySeconds, Integer maxAttempts,
                   boolean active) {
        static CodeDto of(CompletionCode code) {
            return new CodeDto(code.id(), code.code(), code.name(), code.description(), code.kind(), code.category(),
                    code.resolution(), code.isFinal(), code.retryDelaySeconds(), code.maxAttempts(), code.active());
        }
    }
}
