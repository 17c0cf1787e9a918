package org.dozvon.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.contacts.ContactLists;
import org.dozvon.contacts.ListSchema;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * Contacts → Imports: upload a file, map its columns to the list's fields (seeing its first rows),
 * start, follow the progress bar, read the journal.
 */
@Controller
class ImportsController {

    private static final int PREVIEW_ROWS = 10;

    private final ImportLauncher launcher;
    private final ImportRunStore runs;
    private final ContactLists contacts;
    private final MappingTemplates templates;

    ImportsController(ImportLauncher launcher, ImportRunStore runs, ContactLists contacts, MappingTemplates templates) {
        this.launcher = launcher;
        this.runs = runs;
        this.contacts = contacts;
        this.templates = templates;
    }

    @GetMapping("/contacts/lists/{listId}/import")
    @RequiresPermission(Permission.IMPORTS_RUN)
    String uploadForm(@PathVariable long listId, Model model) {
        model.addAttribute("schema", schema(listId));
        return "imports/upload";
    }

    /** Keeps the file, then shows its first rows with a mapping to fill in. */
    @PostMapping("/contacts/lists/{listId}/import")
    @RequiresPermission(Permission.IMPORTS_RUN)
    String upload(@PathVariable long listId, @RequestParam("file") MultipartFile file, Model model,
                  HttpServletResponse response) {
        ListSchema schema = schema(listId);
        if (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isEmpty())) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("schema", schema);
            model.addAttribute("problems", List.of("Choose a file to upload."));
            return "imports/upload";
        }
        String token;
        try (InputStream content = file.getInputStream()) {
            token = launcher.keepUpload(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String fileName = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
        return mapping(listId, token, fileName, null, model, response);
    }

    /** The mapping form for a kept upload, optionally filled in from a saved template. */
    @GetMapping("/contacts/lists/{listId}/import/map")
    @RequiresPermission(Permission.IMPORTS_RUN)
    String mapping(@PathVariable long listId, @RequestParam String token, @RequestParam String fileName,
                   @RequestParam(required = false) Long template, Model model, HttpServletResponse response) {
        ListSchema schema = schema(listId);
        model.addAttribute("schema", schema);
        try (TabularFile opened = TabularFiles.open(launcher.upload(token), fileName, ReadOptions.DEFAULTS)) {
            List<List<String>> preview = new ArrayList<>();
            TabularRow row;
            while (preview.size() < PREVIEW_ROWS && (row = opened.next()) != null) {
                preview.add(row.cells());
            }
            Map<String, String> mapping = template == null ? ImportMapping.guess(opened.header(), schema).columns()
                    : templates.find(template).map(MappingTemplates.Template::mapping).orElse(Map.of());
            model.addAttribute("token", token);
            model.addAttribute("fileName", fileName);
            model.addAttribute("format", opened.format());
            model.addAttribute("charset", opened.charset().map(Object::toString).orElse(null));
            model.addAttribute("delimiter", opened.delimiter().map(ImportsController::describeDelimiter).orElse(null));
            model.addAttribute("header", opened.header());
            model.addAttribute("preview", preview);
            model.addAttribute("mapping", mapping);
            model.addAttribute("templates", templates.all());
            model.addAttribute("template", template);
            return "imports/mapping";
        } catch (TabularFileException e) {
            deleteQuietly(token);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problems", List.of(fileName + ": " + e.getMessage()));
            return "imports/upload";
        }
    }

    /** The mapping comes as {@code column_<i>=<header name>} and {@code field_<i>=<field code or empty>}. */
    @PostMapping("/contacts/lists/{listId}/import/start")
    @RequiresPermission(Permission.IMPORTS_RUN)
    String start(@PathVariable long listId, @RequestParam String token, @RequestParam String fileName,
                 @RequestParam(defaultValue = "false") boolean clearFirst,
                 @RequestParam(defaultValue = "false") boolean updateExisting,
                 @RequestParam(defaultValue = "") String saveAs,
                 @RequestParam Map<String, String> form, @AuthenticationPrincipal DozvonUser user, Model model,
                 HttpServletResponse response) {
        Map<String, String> mapping = new LinkedHashMap<>();
        form.forEach((key, value) -> {
            if (key.startsWith("field_") && !value.isBlank()) {
                String column = form.get("column_" + key.substring("field_".length()));
                if (column != null) {
                    mapping.put(column, value);
                }
            }
        });
        if (!saveAs.isBlank()) {
            templates.save(saveAs.strip(), mapping);
        }
        ImportLauncher.Started started = launcher.start(listId, launcher.upload(token), fileName, mapping, clearFirst,
                updateExisting, ImportRun.Source.UPLOAD, user.getUsername());
        if (!started.problems().isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("schema", schema(listId));
            model.addAttribute("problems", started.problems());
            return "imports/upload";
        }
        return "redirect:/imports/" + started.runId();
    }

    @GetMapping("/imports")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    String recent(@RequestParam(required = false) Long before, Model model) {
        List<ImportRun> page = runs.recent(null, before, 51);
        boolean more = page.size() > 50;
        List<ImportRun> shown = more ? page.subList(0, 50) : page;
        model.addAttribute("runs", shown);
        model.addAttribute("next", more ? shown.get(shown.size() - 1).id() : null);
        model.addAttribute("before", before);
        return "imports/runs";
    }

    @GetMapping("/imports/{id}")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    String run(@PathVariable long id, @RequestParam(defaultValue = "0") long afterRow, Model model) {
        ImportRun run = runs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("run", run);
        model.addAttribute("bar", ImportProgress.bar(run));
        List<ImportRunStore.Rejection> rejections = runs.rejections(id, afterRow, 101);
        boolean more = rejections.size() > 100;
        List<ImportRunStore.Rejection> shown = more ? rejections.subList(0, 100) : rejections;
        model.addAttribute("rejections", shown);
        model.addAttribute("nextRow", more ? shown.get(shown.size() - 1).row() : null);
        return "imports/run";
    }

    /** Every rejected row as CSV (UTF-8 with BOM, ';'), to fix in Excel and import again. */
    @GetMapping("/imports/{id}/rejections.csv")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    void rejectionsCsv(@PathVariable long id, HttpServletResponse response) throws IOException {
        ImportRun run = runs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"import-" + run.id() + "-rejected.csv\"");
        RejectionsCsv.write(runs, id, response.getOutputStream());
    }

    private ListSchema schema(long listId) {
        return contacts.schema(listId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private void deleteQuietly(String token) {
        try {
            Files.deleteIfExists(launcher.upload(token));
        } catch (IOException ignored) {
            // a stray upload is harmless; the uploads folder may be emptied at any time
        }
    }

    private static String describeDelimiter(char delimiter) {
        return switch (delimiter) {
            case '\t' -> "TAB";
            default -> String.valueOf(delimiter);
        };
    }
}
