package org.dozvon.strategy;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.dozvon.Violation;
import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.ApiCursor;
import org.dozvon.ApiPage;
import org.dozvon.InvalidRequest;

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

    /**
     * The strategies (BPMN processes) in key order ({@link ApiPage}), each with its latest version, the number of
     * versions and running instances, and the campaigns that use it. Decision tables: {@code /decisions}.
     */
    @GetMapping
    ApiPage<StrategyModels.ProcessSummary> list(@RequestParam(required = false) String cursor,
                                                @RequestParam(required = false) Integer limit) {
        int size = ApiPage.limit(limit);
        return ApiPage.of(models.processesAfter(textKey(cursor), size + 1), size, process -> process,
                process -> new Object[] {process.key()});
    }

    /** The decision tables (DMN) in key order ({@link ApiPage}), with the strategies that call them. */
    @GetMapping("/decisions")
    ApiPage<StrategyModels.DecisionSummary> decisions(@RequestParam(required = false) String cursor,
                                                      @RequestParam(required = false) Integer limit) {
        int size = ApiPage.limit(limit);
        return ApiPage.of(models.decisionsAfter(textKey(cursor), size + 1), size, decision -> decision,
                decision -> new Object[] {decision.key()});
    }

    /** A strategy's versions, newest first ({@link ApiPage}, keyset by version). */
    @GetMapping("/processes/{key}/versions")
    ApiPage<StrategyModels.ProcessVersion> processVersions(@PathVariable String key,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        int size = ApiPage.limit(limit);
        return ApiPage.of(models.processVersionsBefore(key, version(cursor), size + 1), size, version -> version,
                version -> new Object[] {version.version()});
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

    /** A decision table's versions, newest first ({@link ApiPage}, keyset by version). */
    @GetMapping("/decisions/{key}/versions")
    ApiPage<StrategyModels.DecisionVersion> decisionVersions(@PathVariable String key,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        int size = ApiPage.limit(limit);
        return ApiPage.of(models.decisionVersionsBefore(key, version(cursor), size + 1), size, version -> version,
                version -> new Object[] {version.version()});
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
            throw new InvalidRequest(request == null || request.from() == null ? "from" : "to",
                    "strategies.migration.fromTo");
        }
        try {
            long id = migrations.start(key, request.from(), request.to(), user.getUsername());
            return ResponseEntity.accepted().location(URI.create("/api/v1/strategies/migrations/" + id))
                    .body(migrations.status(id));
        } catch (StrategyMigrations.Refused e) {
            return refused(e);
        }
    }

    /** Migrations newest first ({@link ApiPage}, keyset by id), of one strategy when {@code key} is given. */
    @GetMapping("/migrations")
    ApiPage<StrategyMigrations.Status> migrations(@RequestParam(required = false) String key,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        int size = ApiPage.limit(limit);
        return ApiPage.of(migrations.before(key == null || key.isBlank() ? null : key.strip(), ApiCursor.decodeId(cursor),
                size + 1), size, migration -> migration, migration -> new Object[] {migration.id()});
    }

    @GetMapping("/migrations/{id}")
    StrategyMigrations.Status migration(@PathVariable long id) {
        return migrations.status(id);
    }

    private static String textKey(String cursor) {
        List<Object> keys = ApiCursor.decode(cursor, 1);
        if (keys != null && !(keys.get(0) instanceof String)) {
            throw new InvalidRequest("cursor", "api.cursor.invalid");
        }
        return keys == null ? null : (String) keys.get(0);
    }

    private static Integer version(String cursor) {
        Long version = ApiCursor.decodeId(cursor);
        return version == null ? null : version.intValue();
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
