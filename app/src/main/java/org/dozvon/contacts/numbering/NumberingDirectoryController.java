package org.dozvon.contacts.numbering;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/** Contacts → Numbering directory: what is loaded, search, import of the regulator's plan files. */
@Controller
@RequestMapping("/contacts/numbering")
class NumberingDirectoryController {

    private final NumberingDirectory directory;
    private final NumberingPlanImport importer;

    NumberingDirectoryController(NumberingDirectory directory, NumberingPlanImport importer) {
        this.directory = directory;
        this.importer = importer;
    }

    /** The directory; for htmx's live search only the result rows. */
    @GetMapping
    @RequiresPermission(Permission.CONTACTS_VIEW)
    String directory(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) Long after,
                     @RequestParam(required = false) Long before,
                     @RequestHeader(name = "HX-Request", required = false) String htmx,
                     @AuthenticationPrincipal DozvonUser user, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("ranges", directory.search(q, after, before));
        if (htmx != null) {
            return "contacts/numbering/directory :: results";
        }
        return page(model, user, ImportMode.REPLACE_CODES, List.of());
    }

    @PostMapping("/imports")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String importPlan(@RequestParam(required = false) MultipartFile file,
                      @RequestParam(defaultValue = "REPLACE_CODES") ImportMode mode,
                      @AuthenticationPrincipal DozvonUser user, Model model, HttpServletResponse response) throws IOException {
        if (file == null || file.isEmpty()) {
            return refused(model, user, mode, response, new Violation("file", "numbering.error.noFile"));
        }
        String fileName = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                ? "plan.csv" : file.getOriginalFilename();
        try {
            long id = importer.importPlan(fileName, file, mode, user.getUsername());
            return "redirect:/contacts/numbering/imports/" + id;
        } catch (PlanFileException e) {
            return refused(model, user, mode, response, new Violation("file", e.messageKey(), e.arguments()));
        }
    }

    @GetMapping("/imports/{id}")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    String importJournal(@PathVariable long id, Model model) {
        model.addAttribute("summary", directory.importById(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("journal", directory.journal(id));
        model.addAttribute("journalLimit", NumberingPlanImport.JOURNAL_LIMIT);
        return "contacts/numbering/import";
    }

    private String refused(Model model, DozvonUser user, ImportMode mode, HttpServletResponse response, Violation violation) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("q", "");
        model.addAttribute("ranges", directory.search("", null, null));
        return page(model, user, mode, List.of(violation));
    }

    private String page(Model model, DozvonUser user, ImportMode mode, List<Violation> violations) {
        model.addAttribute("counts", directory.counts());
        model.addAttribute("imports", directory.recentImports(5));
        model.addAttribute("unzoned", directory.regionsWithoutZone());
        model.addAttribute("canManage", user.has(Permission.CONTACTS_MANAGE));
        model.addAttribute("mode", mode);
        model.addAttribute("modes", ImportMode.values());
        model.addAttribute("violations", violations);
        return "contacts/numbering/directory";
    }
}
