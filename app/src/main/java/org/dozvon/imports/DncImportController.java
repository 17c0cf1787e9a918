package org.dozvon.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.contacts.DncLists;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A file of numbers and addresses into a DNC list: every non-empty cell of the file's first column,
 * read with the same readers as contact imports, added in batches.
 */
@Controller
class DncImportController {

    private static final int BATCH = 5000;

    private final ImportLauncher launcher;
    private final DncLists dnc;

    DncImportController(ImportLauncher launcher, DncLists dnc) {
        this.launcher = launcher;
        this.dnc = dnc;
    }

    @PostMapping("/contacts/dnc/{id}/import")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String importFile(@PathVariable long id, @RequestParam("file") MultipartFile file,
                      @RequestParam(required = false) String comment, @AuthenticationPrincipal DozvonUser user,
                      RedirectAttributes redirect) {
        if (!dnc.exists(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        String token;
        try (InputStream content = file.getInputStream()) {
            token = launcher.keepUpload(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String fileName = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
        DncLists.AddReport report = new DncLists.AddReport(0, 0, List.of());
        try (TabularFile opened = TabularFiles.open(launcher.upload(token), fileName, ReadOptions.DEFAULTS)) {
            List<String> batch = new ArrayList<>();
            // a file without a header has a number or an address in the header cell: take it like the others
            String first = opened.header().get(0);
            if (first.contains("@") || first.chars().filter(Character::isDigit).count() >= 5) {
                batch.add(first);
            }
            TabularRow row;
            while ((row = opened.next()) != null) {
                if (!row.cells().isEmpty() && !row.cells().get(0).isBlank()) {
                    batch.add(row.cells().get(0));
                }
                if (batch.size() >= BATCH) {
                    report = report.plus(dnc.add(id, batch, comment, user.getUsername()));
                    batch.clear();
                }
            }
            report = report.plus(dnc.add(id, batch, comment, user.getUsername()));
        } catch (TabularFileException e) {
            redirect.addFlashAttribute("problem", "dnc.importFailed");
            redirect.addFlashAttribute("problemDetail", fileName + ": " + e.getMessage());
            return "redirect:/contacts/dnc/" + id;
        } finally {
            try {
                Files.deleteIfExists(launcher.upload(token));
            } catch (IOException ignored) {
                // a stray upload is harmless
            }
        }
        List<String> shown = report.rejected().size() > 100 ? report.rejected().subList(0, 100) : report.rejected();
        redirect.addFlashAttribute("report", new DncLists.AddReport(report.added(), report.alreadyListed(),
                new ArrayList<>(shown)));
        return "redirect:/contacts/dnc/" + id;
    }
}
