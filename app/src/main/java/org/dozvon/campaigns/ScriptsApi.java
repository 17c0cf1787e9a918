package org.dozvon.campaigns;

import java.net.URI;
import java.util.Locale;

import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.ApiPage;
import org.dozvon.web.Problems;

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

/** {@code /api/v1/scripts}: call scripts and their questions over REST. */
@RestController
@RequestMapping("/api/v1/scripts")
class ScriptsApi {

    private final Scripts scripts;
    private final Problems problems;

    ScriptsApi(Scripts scripts, Problems problems) {
        this.scripts = scripts;
        this.problems = problems;
    }

    /** Scripts in id order ({@link ApiPage}); {@code q} keeps those whose name contains it (any case). */
    @GetMapping
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    ApiPage<Script> list(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String cursor,
                         @RequestParam(required = false) Integer limit) {
        String text = q.strip().toLowerCase(Locale.ROOT);
        return ApiPage.byId(scripts.scripts().stream()
                .filter(script -> text.isEmpty() || script.name().toLowerCase(Locale.ROOT).contains(text)).toList(),
                cursor, limit, Script::id, script -> script);
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    Script get(@PathVariable long id) {
        return scripts.existing(id);
    }

    /** Body: name, description and the questions in order. */
    @PostMapping
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> create(@RequestBody Scripts.ScriptDraft request) {
        ReferenceResult result = scripts.save(null, request);
        if (!result.ok()) {
            return problems.invalid(result.violations());
        }
        return ResponseEntity.created(URI.create("/api/v1/scripts/" + result.id())).body(get(result.id()));
    }

    /** Changes name and description; with {@code questions}, the questions become exactly these, in this order. */
    @PutMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> update(@PathVariable long id, @RequestBody Scripts.ScriptDraft request) {
        ReferenceResult result = scripts.save(id, request);
        return result.ok() ? ResponseEntity.ok(get(id)) : problems.invalid(result.violations());
    }

    /** Deletes the script; one a campaign uses is refused (409), naming the campaigns. */
    @DeleteMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> delete(@PathVariable long id) {
        ReferenceResult result = scripts.delete(id);
        return result.ok() ? ResponseEntity.noContent().build() : problems.conflict(result.violations());
    }
}
