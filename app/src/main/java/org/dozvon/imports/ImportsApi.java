package org.dozvon.imports;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.Violation;
import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.contacts.ContactLists;
import org.dozvon.contacts.ListSchema;
import org.dozvon.ApiCursor;
import org.dozvon.ApiPage;
import org.dozvon.InvalidRequest;
import org.dozvon.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * Imports over REST: a CRM posts a file with its mapping (or a CSV as the body) and polls the run; the journal of
 * imports and each one's rejected rows page as {@link ApiPage}.
 */
@RestController
class ImportsApi {

    private final ImportLauncher launcher;
    private final ImportRunStore runs;
    private final ContactLists contactLists;
    private final ObjectMapper json;
    private final Problems problems;

    ImportsApi(ImportLauncher launcher, ImportRunStore runs, ContactLists contactLists, ObjectMapper json,
               Problems problems) {
        this.launcher = launcher;
        this.runs = runs;
        this.contactLists = contactLists;
        this.json = json;
        this.problems = problems;
    }

    /**
     * Multipart: {@code file} (CSV, XLS or XLSX), and optionally {@code mapping} as a JSON object of file column name to
     * field code (without it, every column named as a field fills that field); answers 202 with the run, which goes on
     * in the background.
     */
    @PostMapping(path = "/api/v1/contact-lists/{listId}/imports", consumes = "multipart/form-data")
    @RequiresPermission(Permission.IMPORTS_RUN)
    ResponseEntity<?> start(@PathVariable long listId, @RequestParam("file") MultipartFile file,
                            @RequestParam(required = false) String mapping,
                            @RequestParam(defaultValue = "false") boolean clearFirst,
                            @RequestParam(defaultValue = "false") boolean updateExisting,
                            @AuthenticationPrincipal DozvonUser user) throws IOException {
        ListSchema schema = list(listId);
        Map<String, String> columns = mapping == null || mapping.isBlank() ? null : mapping(mapping);
        String token;
        try (InputStream content = file.getInputStream()) {
            token = launcher.keepUpload(content);
        }
        String fileName = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                ? "upload" : file.getOriginalFilename();
        return start(schema, token, fileName, columns, clearFirst, updateExisting, user);
    }

    /**
     * The file as the body ({@code text/csv}: the same CSV the portal takes, any usual separator and encoding);
     * {@code mapping} (a JSON object of column to field code, URL-encoded) is optional: without it, every column named
     * as a field (its code or its name, any case) fills that field. 202 with the run.
     */
    @PostMapping(path = "/api/v1/contact-lists/{listId}/imports", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    @RequiresPermission(Permission.IMPORTS_RUN)
    ResponseEntity<?> startFromBody(@PathVariable long listId, InputStream body,
                                    @RequestParam(required = false) String mapping,
                                    @RequestParam(defaultValue = "body.csv") String fileName,
                                    @RequestParam(defaultValue = "false") boolean clearFirst,
                                    @RequestParam(defaultValue = "false") boolean updateExisting,
                                    @AuthenticationPrincipal DozvonUser user) {
        ListSchema schema = list(listId);
        Map<String, String> columns = mapping == null || mapping.isBlank() ? null : mapping(mapping);
        String name = fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? fileName : fileName + ".csv";
        return start(schema, launcher.keepUpload(body), name, columns, clearFirst, updateExisting, user);
    }

    /**
     * The imports newest first ({@link ApiPage}, keyset by id).
     *
     * @param listId only imports into this contact list
     * @param status only imports in this status (QUEUED, RUNNING, COMPLETED, FAILED)
     */
    @GetMapping("/api/v1/imports")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    ApiPage<RunView> list(@RequestParam(required = false) Long listId,
                          @RequestParam(required = false) ImportRun.Status status,
                          @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        int size = ApiPage.limit(limit);
        return ApiPage.of(runs.page(listId, status, ApiCursor.decodeId(cursor), size + 1), size, ImportsApi::view,
                run -> new Object[] {run.id()});
    }

    @GetMapping("/api/v1/imports/{id}")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    ResponseEntity<?> run(@PathVariable long id) {
        return runs.find(id).<ResponseEntity<?>>map(run -> ResponseEntity.ok(view(run)))
                .orElseGet(() -> notFound(id));
    }

    /** The rows the import refused, in row order ({@link ApiPage}, keyset by row number), each with its reason. */
    @GetMapping("/api/v1/imports/{id}/rejections")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    ResponseEntity<?> rejections(@PathVariable long id, @RequestParam(required = false) String cursor,
                                 @RequestParam(required = false) Integer limit) {
        if (runs.find(id).isEmpty()) {
            return notFound(id);
        }
        int size = ApiPage.limit(limit);
        Long after = ApiCursor.decodeId(cursor);
        return ResponseEntity.ok(ApiPage.of(runs.rejections(id, after == null ? 0 : after, size + 1), size,
                rejection -> rejection, rejection -> new Object[] {rejection.row()}));
    }

    /** Starts the import of a kept upload; without {@code columns}, the columns named as fields fill them. */
    private ResponseEntity<?> start(ListSchema schema, String token, String fileName, Map<String, String> columns,
                                    boolean clearFirst, boolean updateExisting, DozvonUser user) {
        Path upload = launcher.upload(token);
        if (columns == null) {
            try (TabularFile opened = TabularFiles.open(upload, fileName, ReadOptions.DEFAULTS)) {
                columns = ImportMapping.guess(opened.header(), schema).columns();
            } catch (TabularFileException e) {
                return problems.invalid(List.of(new Violation("file", "imports.api.unreadable", e.getMessage())));
            } catch (Exception e) {
                throw new IllegalStateException("Cannot read the header of an uploaded file", e);
            }
        }
        ImportLauncher.Started started = launcher.start(schema.listId(), upload, fileName, columns, clearFirst,
                updateExisting, ImportRun.Source.API, user.getUsername());
        if (!started.problems().isEmpty()) {
            String detail = String.join("; ", started.problems());
            return Problems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "The import cannot start: " + detail,
                    Map.of(started.field(), detail));
        }
        return ResponseEntity.accepted().location(URI.create("/api/v1/imports/" + started.runId()))
                .body(view(runs.find(started.runId()).orElseThrow()));
    }

    private ListSchema list(long listId) {
        return contactLists.schema(listId).orElseThrow(() -> new UnknownList(listId));
    }

    private Map<String, String> mapping(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, String>>() {
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidRequest("mapping", "imports.api.mapping", e.getOriginalMessage());
        }
    }

    private ResponseEntity<?> notFound(long id) {
        return problems.refused(HttpStatus.NOT_FOUND, "imports.api.notFound", String.valueOf(id));
    }

    private ImportRun require(long id) {
        return runs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No import " + id));
    }

    private static RunView view(ImportRun run) {
        return new RunView(run.id(), run.listId(), run.fileName(), run.source().name(), run.status().name(), run.read(),
                run.inserted(), run.updated(), run.rejected(), run.percent(), run.message(), run.startedBy(),
                run.createdAt(), run.startedAt(), run.finishedAt());
    }

    /** A contact list that is not there: 404. */
    @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.NOT_FOUND)
    static class UnknownList extends RuntimeException {
        UnknownList(long listId) {
            super("No contact list " + listId);
        }
    }

    record RunView(long id, long listId, String fileName, String source, String status, long read, long inserted,
                   long updated, long rejected, Integer percent, String message, String startedBy, Instant createdAt,
                   Instant startedAt, Instant finishedAt) {
    }
}
