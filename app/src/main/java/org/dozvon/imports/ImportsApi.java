package org.dozvon.imports;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.contacts.ContactLists;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/** Imports over REST: a CRM posts a file with its mapping and polls the run. */
@RestController
class ImportsApi {

    private final ImportLauncher launcher;
    private final ImportRunStore runs;
    private final ObjectMapper json;
    private final ContactLists lists;

    ImportsApi(ImportLauncher launcher, ImportRunStore runs, ObjectMapper json, ContactLists lists) {
        this.launcher = launcher;
        this.runs = runs;
        this.json = json;
        this.lists = lists;
    }

    /**
     * Multipart: {@code file}, and {@code mapping} as a JSON object of file column name to field code;
     * answers 202 with the run, which goes on in the background.
     */
    @PostMapping(path = "/api/v1/contact-lists/{listId}/imports", consumes = "multipart/form-data")
    @RequiresPermission(Permission.IMPORTS_RUN)
    ResponseEntity<?> start(@PathVariable long listId, @RequestParam("file") MultipartFile file,
                            @RequestParam("mapping") String mapping,
                            @RequestParam(defaultValue = "false") boolean clearFirst,
                            @RequestParam(defaultValue = "false") boolean updateExisting,
                            @AuthenticationPrincipal DozvonUser user) throws IOException {
        if (lists.schema(listId).isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "No contact list " + listId, null);
        }
        Map<String, String> columns;
        try {
            columns = json.readValue(mapping, new TypeReference<Map<String, String>>() {
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String reason = "mapping must be a JSON object of file column to field code: " + e.getOriginalMessage();
            ProblemDetail refused = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, reason);
            refused.setProperty("errors", Map.of("mapping", reason));
            return ResponseEntity.unprocessableEntity().body(refused);
        }
        String token;
        try (InputStream content = file.getInputStream()) {
            token = launcher.keepUpload(content);
        }
        String fileName = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                ? "upload" : file.getOriginalFilename();
        ImportLauncher.Started started;
        try {
            started = launcher.start(listId, launcher.upload(token), fileName, columns, clearFirst, updateExisting,
                    ImportRun.Source.API, user.getUsername());
        } catch (IllegalArgumentException noSuchList) {
            return problem(HttpStatus.NOT_FOUND, noSuchList.getMessage(), null);
        }
        if (!started.problems().isEmpty()) {
            return problem(HttpStatus.UNPROCESSABLE_ENTITY, "The import cannot start: " + String.join("; ", started.problems()),
                    started.problems());
        }
        return ResponseEntity.accepted().location(URI.create("/api/v1/imports/" + started.runId()))
                .body(view(runs.find(started.runId()).orElseThrow()));
    }

    @GetMapping("/api/v1/imports/{id}")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    ResponseEntity<RunView> run(@PathVariable long id) {
        return ResponseEntity.ok(view(require(id)));
    }

    @GetMapping("/api/v1/imports/{id}/rejections")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    List<ImportRunStore.Rejection> rejections(@PathVariable long id, @RequestParam(defaultValue = "0") long afterRow,
                                              @RequestParam(defaultValue = "1000") int limit) {
        require(id);
        return runs.rejections(id, afterRow, Math.max(1, Math.min(limit, 10_000)));
    }

    private ImportRun require(long id) {
        return runs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No import " + id));
    }

    private static RunView view(ImportRun run) {
        return new RunView(run.id(), run.listId(), run.fileName(), run.status().name(), run.read(), run.inserted(),
                run.updated(), run.rejected(), run.percent(), run.message(), run.createdAt(), run.startedAt(), run.finishedAt());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, List<String> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (errors != null) {
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).body(problem);
    }

    record RunView(long id, long listId, String fileName, String status, long read, long inserted, long updated,
                   long rejected, Integer percent, String message, Instant createdAt, Instant startedAt, Instant finishedAt) {
    }
}
