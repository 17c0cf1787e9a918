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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Contacts → Phone prefixes: the prefix table, by hand or from a file. */
@Controller
@RequestMapping("/contacts/prefixes")
class PhonePrefixController {

    private final PhonePrefixes prefixes;

    PhonePrefixController(PhonePrefixes prefixes) {
        this.prefixes = prefixes;
    }

    /** The list; for htmx's live search only its rows. */
    @GetMapping
    @RequiresPermission(Permission.CONTACTS_VIEW)
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page,
                @RequestHeader(name = "HX-Request", required = false) String htmx,
                @AuthenticationPrincipal DozvonUser user, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("prefixes", prefixes.find(q, page));
        model.addAttribute("canManage", user.has(Permission.CONTACTS_MANAGE));
        return htmx != null ? "contacts/numbering/prefixes :: results" : "contacts/numbering/prefixes";
    }

    @GetMapping("/new")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String newPrefix(Model model) {
        return form(model, null, "", "", "", List.of());
    }

    @PostMapping
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String create(@RequestParam(required = false) String code, @RequestParam(required = false) String name,
                  @RequestParam(required = false) String zone, @AuthenticationPrincipal DozvonUser user, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) {
        PhonePrefixes.Outcome outcome = prefixes.create(code, name, zone, user.getUsername());
        if (!outcome.ok()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, null, code, name, zone, outcome.violations());
        }
        redirect.addFlashAttribute("notice", "prefixes.created");
        return "redirect:/contacts/prefixes/" + outcome.code();
    }

    @GetMapping("/{code:[0-9]+}")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String edit(@PathVariable String code, Model model) {
        PhonePrefixes.PrefixRow prefix = found(code);
        return form(model, prefix, prefix.code(), prefix.name(), prefix.timeZone(), List.of());
    }

    @PostMapping("/{code:[0-9]+}")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String update(@PathVariable String code, @RequestParam(required = false) String name,
                  @RequestParam(required = false) String zone, @AuthenticationPrincipal DozvonUser user, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) {
        PhonePrefixes.PrefixRow prefix = found(code);
        PhonePrefixes.Outcome outcome = prefixes.update(code, name, zone, user.getUsername());
        if (!outcome.ok()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, prefix, code, name, zone, outcome.violations());
        }
        redirect.addFlashAttribute("notice", "prefixes.saved");
        return "redirect:/contacts/prefixes/" + code;
    }

    @PostMapping("/{code:[0-9]+}/delete")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String delete(@PathVariable String code, @AuthenticationPrincipal DozvonUser user, RedirectAttributes redirect) {
        found(code);
        prefixes.delete(code, user.getUsername());
        redirect.addFlashAttribute("notice", "prefixes.deleted");
        return "redirect:/contacts/prefixes";
    }

    @PostMapping("/import")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String importFile(@RequestParam(required = false) MultipartFile file, @AuthenticationPrincipal DozvonUser user,
                      RedirectAttributes redirect) throws IOException {
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("problem", "prefixes.error.noFile");
            return "redirect:/contacts/prefixes";
        }
        String fileName = file.getOriginalFilename() == null ? "prefixes.csv" : file.getOriginalFilename();
        try {
            redirect.addFlashAttribute("report", prefixes.importFile(fileName, file, user.getUsername()));
        } catch (PlanFileException e) {
            redirect.addFlashAttribute("fileProblem", new Violation("file", e.messageKey(), e.arguments()));
        }
        return "redirect:/contacts/prefixes";
    }

    private PhonePrefixes.PrefixRow found(String code) {
        return prefixes.get(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static String form(Model model, PhonePrefixes.PrefixRow prefix, String code, String name, String zone,
                               List<Violation> violations) {
        model.addAttribute("prefix", prefix);
        model.addAttribute("code", code);
        model.addAttribute("name", name);
        model.addAttribute("zone", zone);
        model.addAttribute("zoneSuggestions", ZoneTexts.SUGGESTIONS);
        model.addAttribute("violations", violations);
        return "contacts/numbering/prefix";
    }
}
