package org.dozvon.crm;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.dozvon.Violation;
import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.strategy.FinalStatus;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Contacts → CRM statuses: the CRM status mapping, listed, created, changed and deleted. */
@Controller
@RequestMapping("/contacts/crm-statuses")
class CrmStatusesController {

    private final CrmStatuses statuses;

    CrmStatusesController(CrmStatuses statuses) {
        this.statuses = statuses;
    }

    @GetMapping
    @RequiresPermission(Permission.CONTACTS_VIEW)
    String list(Model model) {
        model.addAttribute("statuses", statuses.all());
        return "crm/statuses";
    }

    @GetMapping("/new")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String create(Model model) {
        return form(model, null, new CrmStatuses.Draft("", "", CrmAction.CALL.name(), "", ""), List.of());
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String edit(@PathVariable long id, Model model) {
        CrmStatus status = statuses.find(id).orElseThrow(() -> new NotFound("CRM status " + id));
        return form(model, status, new CrmStatuses.Draft(status.code(), status.name(), status.action().name(),
                status.postponeMinutes() == null ? "" : status.postponeMinutes().toString(),
                status.finalStatus() == null ? "" : status.finalStatus().name()), List.of());
    }

    @PostMapping({"", "/{id}"})
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String save(@PathVariable(required = false) Long id, @RequestParam(required = false) String code,
                @RequestParam(required = false) String name, @RequestParam(required = false) String action,
                @RequestParam(required = false) String postponeMinutes,
                @RequestParam(required = false) String finalStatus, @AuthenticationPrincipal DozvonUser user,
                Model model, RedirectAttributes redirect, HttpServletResponse response) {
        CrmStatuses.Draft draft = new CrmStatuses.Draft(code, name, action, postponeMinutes, finalStatus);
        CrmStatuses.Saved saved = statuses.save(id, draft, user);
        if (!saved.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, id == null ? null : statuses.find(id).orElse(null), draft, saved.violations());
        }
        redirect.addFlashAttribute("notice", "crmStatuses.saved");
        return "redirect:/contacts/crm-statuses";
    }

    @PostMapping("/{id}/delete")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String delete(@PathVariable long id, @AuthenticationPrincipal DozvonUser user, RedirectAttributes redirect) {
        if (!statuses.delete(id, user)) {
            throw new NotFound("CRM status " + id);
        }
        redirect.addFlashAttribute("notice", "crmStatuses.deleted");
        return "redirect:/contacts/crm-statuses";
    }

    private static String form(Model model, CrmStatus status, CrmStatuses.Draft draft, List<Violation> violations) {
        model.addAttribute("status", status);
        model.addAttribute("draft", draft);
        model.addAttribute("actions", CrmAction.values());
        model.addAttribute("finalStatuses", FinalStatus.values());
        model.addAttribute("violations", violations);
        return "crm/status";
    }
}
