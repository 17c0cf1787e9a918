package org.dozvon.strategy;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.dozvon.Violation;
import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/v1/strategies}: deployed strategies and decision tables, their versions and XML; uploading new
 * versions (multipart, the same checks as the portal); migrating running instances between versions.
 */
@RestController
@RequestMapping("/api/v1/strategies")
@RequiresPermission(Permission.STRATEGIES_VIEW)
class StrategyApi {

    private final StrategyModels models;
    private final StrategyUploads uploads;
    private final StrategyMigrations migrations;
    private final MessageSource messages;

    StrategyApi(StrategyModels models, StrategyUploads uploads, StrategyMigrations migrations, MessageSource messages) {
        this.models = models;
        this.uploads = uploads;
        this.migrations = migrations;
        this.messages = messages;
    }

    /** Strategies and decision tables by key, with their latest versions; {@code page} and {@code size} page both. */
    @GetMapping
    Map<String, StrategyModels.Page<?>> list(@RequestParam(defaultValue = "1") int page,
                                             @RequestParam(defaultValue = "20") int size) {
        return Map.of("processes", models.processes(page, size), "decisions", models.decisions(page, size));
    }

    @GetMapping("/processes/{key}/versions")
    StrategyModels.Page<StrategyModels.ProcessVersion> processVersions(@PathVariable String key,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        return models.processVersions(key, page, size);
    }

    /** One version, with the number of instances waiting in each activity. */
    @GetMapping("/processes/{key}/versions/{version}")
    Map<String, Object> processVersion(@PathVariable String key, @PathVariable int version) {
        StrategyModels.ProcessVersion shown = models.processVersion(key, version);
        return Map.of("version", shown, "activityInstances", models.activityInstances(shown.id()));
    }

    @GetMapping("/processes/{key}/versions/{version}/xml")
    ResponseEntity<byte[]> processXml(@PathVariable String key, @PathVariable int version) {
        return StrategyController.download(models.processXml(key, version));
    }

    @GetMapping("/decisions/{key}/versions")
    StrategyModels.Page<StrategyModels.DecisionVersion> decisionVersions(@PathVariable String key,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        return models.decisionVersions(key, page, size);
    }

    @GetMapping("/decisions/{key}/versions/{version}")
    StrategyModels.DecisionVersion decisionVersion(@PathVariable String key, @PathVariable int version) {
        return models.decisionVersion(key, version);
    }

    @GetMapping("/decisions/{key}/versions/{version}/xml")
    ResponseEntity<byte[]> decisionXml(@PathVariable String key, @PathVariable int version) {
        return StrategyController.download(models.decisionXml(key, version));
    }

    /**
     * Uploads one or more BPMN and DMN files (parts named {@code file} or {@code files}) as one deployment. 201 with
     * the new versions; 200 when every file equals its deployed version (nothing deployed); 422 with {@code errors}
     * (and any {@code warnings}) when the upload is refused.
     */
    @PostMapping(consumes = "multipart/form-data")
    @RequiresPermission(Permission.STRATEGIES_MANAGE)
    ResponseEntity<?> upload(@RequestParam(name = "file", required = false) List<MultipartFile> file,
                             @RequestParam(name = "files", required = false) List<MultipartFile> files,
                             @AuthenticationPrincipal DozvonUser user) {
        List<MultipartFile> all = new java.util.ArrayList<>();
        if (file != null) {
            all.addAll(file);
        }
        if (files != null) {
            all.addAll(files);
        }
        StrategyUploads.Outcome outcome = uploads.upload(StrategyController.modelFiles(all, uploads.maxBytes()),
                user.getUsername());
        if (!outcome.ok()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                    String.join("\n", texts(outcome.errors())));
            problem.setTitle("Upload refused");
            problem.setProperty("errors", texts(outcome.errors()));
            problem.setProperty("warnings", texts(outcome.warnings()));
            return ResponseEntity.unprocessableEntity().body(problem);
        }
        UploadResult result = new UploadResult(outcome.deploymentId(), outcome.deployed(), outcome.unchanged(),
                texts(outcome.warnings()));
        if (outcome.deploymentId() == null) {
            return ResponseEntity.ok(result);
        }
        return ResponseEntity.created(URI.create("/api/v1/strategies")).body(result);
    }

    /** What migrating version {@code from}'s running instances to version {@code to} would do. */
    @GetMapping("/processes/{key}/migrations/preview")
    @RequiresPermission(Permission.STRATEGIES_MANAGE)
    ResponseEntity<?> preview(@PathVariable String key, @RequestParam int from, @RequestParam int to) {
        try {
            return ResponseEntity.ok(migrations.preview(key, from, to));
        } catch (StrategyMigrations.Refused e) {
            return refused(e);
        }
    }

    /** Starts migrating; 202 with the migration's status and its address. */
    @PostMapping("/processes/{key}/migrations")
    @RequiresPermission(Permission.STRATEGIES_MANAGE)
    ResponseEntity<?> migrate(@PathVariable String key, @RequestBody MigrationRequest request,
                              @AuthenticationPrincipal DozvonUser user) {
        models.latestProcess(key);
        if (request == null || request.from() == null || request.to() == null) {
            String reason = text(new Violation("from", "strategies.migration.fromTo"));
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, reason);
            problem.setProperty("errors", Map.of(request == null || request.from() == null ? "from" : "to", reason));
            return ResponseEntity.unprocessableEntity().body(problem);
        }
        try {
            long id = migrations.start(key, request.from(), request.to(), user.getUsername());
            return ResponseEntity.accepted().location(URI.create("/api/v1/strategies/migrations/" + id))
                    .body(migrations.status(id));
        } catch (StrategyMigrations.Refused e) {
            return refused(e);
        }
    }

    @GetMapping("/migrations")
    StrategyModels.Page<StrategyMigrations.Status> migrations(@RequestParam(required = false) String key,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        return migrations.recent(key, page, size);
    }

    @GetMapping("/migrations/{id}")
    StrategyMigrations.Status migration(@PathVariable long id) {
        return migrations.status(id);
    }

    private ResponseEntity<ProblemDetail> refused(StrategyMigrations.Refused e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, text(new Violation("", e.messageKey()))));
    }

    private List<String> texts(List<Violation> violations) {
        return violations.stream().map(this::text).toList();
    }

    private String text(Violation violation) {
        return messages.getMessage(violation.messageKey(), violation.arguments(), violation.messageKey(),
                LocaleContextHolder.getLocale());
    }

    record MigrationRequest(Integer from, Integer to) {
    }

    /**
     * @param deploymentId null when every file was identical to its deployed version
     * @param unchanged    the files left out for being identical
     */
    record UploadResult(String deploymentId, List<StrategyUploads.Deployed> deployed, List<String> unchanged,
                        List<String> warnings) {
    }
}
