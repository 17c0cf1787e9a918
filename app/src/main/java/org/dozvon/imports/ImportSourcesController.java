package org.dozvon.imports;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.dozvon.Violation;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Contacts → Imports → Sources: folders, SFTP directories and databases read on a schedule. */
@Controller
@RequestMapping("/imports/sources")
class ImportSourcesController {

    private static final int PREVIEW_ROWS = 10;

    private final ImportSourceStore sources;
    private final ImportSourceEditor editor;
    private final ImportSourceScheduler scheduler;
    private final DatabaseQuery database;
    private final ImportsProperties properties;

    ImportSourcesController(ImportSourceStore sources, ImportSourceEditor editor, ImportSourceScheduler scheduler,
                            DatabaseQuery database, ImportsProperties properties) {
        this.properties = properties;
        this.sources = sources;
        this.editor = editor;
        this.scheduler = scheduler;
        this.database = database;
    }

    @GetMapping
    @RequiresPermission(Permission.IMPORTS_RUN)
    String list(Model model) {
        model.addAttribute("sources", sources.all());
        model.addAttribute("kinds", ImportSource.Kind.values());
        return "imports/sources";
    }

    @GetMapping("/new")
    @RequiresPermission(Permission.IMPORTS_RUN)
    String newSource(@RequestParam(defaultValue = "FOLDER") ImportSource.Kind kind, Model model) {
        return form(model, null, ImportSourceEditor.blank(kind), List.of());
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.IMPORTS_RUN)
    String edit(@PathVariable long id, Model model) {
        ImportSource source = find(id);
        return form(model, source, ImportSourceEditor.form(source), List.of());
    }

    @PostMapping({"", "/{id}"})
    @RequiresPermission(Permission.IMPORTS_RUN)
    String save(@PathVariable(required = false) Long id, @RequestParam Map<String, String> form, Model model,
                RedirectAttributes redirect, HttpServletResponse response) {
        ImportSource existing = id == null ? null : find(id);
        ImportSourceEditor.Result result = editor.save(id, form);
        if (!result.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            if (existing != null) {
                form.put("kind", existing.kind().name());
            }
            return form(model, existing, form, result.violations());
        }
        redirect.addFlashAttribute("notice", "sources.saved");
        return "redirect:/imports/sources";
    }

    /** Runs the query of the form (saved or not) with a LIMIT and shows its columns and first rows. */
    @PostMapping({"/test-query", "/{id}/test-query"})
    @RequiresPermission(Permission.IMPORTS_RUN)
    String testQuery(@PathVariable(required = false) Long id, @RequestParam Map<String, String> form, Model model) {
        ImportSource existing = id == null ? null : find(id);
        String urlProblem = DatabaseQuery.urlProblem(form.get("jdbcUrl"));
        String queryProblem = DatabaseQuery.queryProblem(form.get("query"));
        if (urlProblem != null || queryProblem != null) {
            List<Violation> violations = urlProblem != null ? List.of(new Violation("jdbcUrl", urlProblem))
                    : List.of(new Violation("query", queryProblem));
            return form(model, existing, form, violations);
        }
        try {
            model.addAttribute("preview", database.preview(editor.database(id, form), PREVIEW_ROWS));
        } catch (SQLException | RuntimeException e) {
            model.addAttribute("previewError", ImportSourceScheduler.describe(e));
        }
        return form(model, existing, form, List.of());
    }

    @PostMapping("/{id}/run")
    @RequiresPermission(Permission.IMPORTS_RUN)
    String runNow(@PathVariable long id, RedirectAttributes redirect) {
        find(id);
        redirect.addFlashAttribute("notice", scheduler.runInBackground(id) ? "sources.runStarted" : "sources.alreadyRunning");
        return "redirect:/imports/sources";
    }

    @PostMapping("/{id}/enabled")
    @RequiresPermission(Permission.IMPORTS_RUN)
    String enable(@PathVariable long id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        ImportSource source = find(id);
        editor.enable(source, enabled);
        redirect.addFlashAttribute("notice", enabled ? "sources.enabledNotice" : "sources.disabledNotice");
        return "redirect:/imports/sources";
    }

    @PostMapping("/{id}/delete")
    @RequiresPermission(Permission.IMPORTS_RUN)
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        find(id);
        sources.delete(id);
        redirect.addFlashAttribute("notice", "sources.deleted");
        return "redirect:/imports/sources";
    }

    private ImportSource find(long id) {
        return sources.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private String form(Model model, ImportSource source, Map<String, String> form, List<Violation> violations) {
        model.addAttribute("source", source);
        model.addAttribute("form", form);
        model.addAttribute("kind", source != null ? source.kind() : ImportSource.Kind.valueOf(form.getOrDefault("kind", "FOLDER")));
        model.addAttribute("lists", editor.lists());
        model.addAttribute("actions", SourceSettings.Action.values());
        model.addAttribute("folderRoot", properties.sourceFolderRoot().toAbsolutePath().normalize());
        model.addAttribute("violations", violations);
        return "imports/source";
    }
}
