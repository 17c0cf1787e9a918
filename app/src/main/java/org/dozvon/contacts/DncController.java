package org.dozvon.contacts;

import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Contacts → DNC: do-not-call lists and their numbers and addresses. */
@Controller
@RequestMapping("/contacts/dnc")
class DncController {

    private final DncLists dnc;

    DncController(DncLists dnc) {
        this.dnc = dnc;
    }

    @GetMapping
    @RequiresPermission(Permission.CONTACTS_VIEW)
    String lists(Model model) {
        model.addAttribute("lists", dnc.lists());
        model.addAttribute("violations", List.of());
        return "contacts/dnc-lists";
    }

    @PostMapping({"", "/{id}"})
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String save(@PathVariable(required = false) Long id, @RequestParam(required = false) String name,
                @RequestParam(required = false) String description, Model model, RedirectAttributes redirect,
                HttpServletResponse response) {
        ContactCatalogue.Result result = dnc.save(id, name, description);
        if (!result.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("violations", result.violations());
            model.addAttribute("name", name);
            model.addAttribute("description", description);
            if (id == null) {
                model.addAttribute("lists", dnc.lists());
                return "contacts/dnc-lists";
            }
            return entries(id, "", null, model);
        }
        redirect.addFlashAttribute("notice", "dnc.saved");
        return "redirect:/contacts/dnc/" + result.id();
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    String entries(@PathVariable long id, @RequestParam(defaultValue = "") String q,
                   @RequestParam(required = false) Long before, Model model) {
        DncStore.DncList list = dnc.list(id);
        List<DncStore.Entry> page = dnc.entries(id, q, before);
        boolean more = page.size() > DncLists.PAGE_SIZE;
        List<DncStore.Entry> shown = more ? page.subList(0, DncLists.PAGE_SIZE) : page;
        model.addAttribute("list", list);
        model.addAttribute("entries", shown);
        model.addAttribute("next", more ? shown.get(shown.size() - 1).id() : null);
        model.addAttribute("before", before);
        model.addAttribute("q", q);
        if (!model.containsAttribute("violations")) {
            model.addAttribute("violations", List.of());
        }
        return "contacts/dnc-list";
    }

    @PostMapping("/{id}/entries")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String add(@PathVariable long id, @RequestParam(defaultValue = "") String values,
               @RequestParam(required = false) String comment, @AuthenticationPrincipal DozvonUser user,
               RedirectAttributes redirect) {
        DncLists.AddReport report = dnc.add(id, Arrays.asList(values.split("[\\r\\n,;]+")), comment, user.getUsername());
        redirect.addFlashAttribute("report", report);
        return "redirect:/contacts/dnc/" + id;
    }

    @PostMapping("/{id}/entries/{entryId}/delete")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String remove(@PathVariable long id, @PathVariable long entryId, RedirectAttributes redirect) {
        dnc.remove(id, entryId);
        redirect.addFlashAttribute("notice", "dnc.removed");
        return "redirect:/contacts/dnc/" + id;
    }

    @PostMapping("/{id}/delete")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        dnc.delete(id);
        redirect.addFlashAttribute("notice", "dnc.deleted");
        return "redirect:/contacts/dnc";
    }
}
