package org.dozvon.campaigns;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.dozvon.Violation;
import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Campaigns → Completion codes: system and operator codes. */
@Controller
@RequestMapping("/campaigns/completion-codes")
class CompletionCodesController {

    private final CompletionCodes codes;

    CompletionCodesController(CompletionCodes codes) {
        this.codes = codes;
    }

    /** The list; for htmx's live search only its rows. {@code show}: all, active or inactive. */
    @GetMapping
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "all") String show,
                @RequestHeader(name = "HX-Request", required = false) String htmx,
                @AuthenticationPrincipal DozvonUser user, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("show", show);
        model.addAttribute("codes", codes.codes().stream()
                .filter(code -> CompletionCodesApi.matches(code, q))
                .filter(code -> switch (show) {
                    case "active" -> code.active();
                    case "inactive" -> !code.active();
                    default -> true;
                })
                .toList());
        model.addAttribute("canManage", user.has(Permission.CAMPAIGNS_MANAGE));
        return htmx != null ? "campaigns/completion-codes :: results" : "campaigns/completion-codes";
    }

    @GetMapping("/new")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String newCode(Model model) {
        return form(model, null, new Form("", "", "", null, CodeResolution.RETRY, "", "", true), List.of());
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String edit(@PathVariable long id, Model model) {
        CompletionCode code = codes.existing(id);
        return form(model, code, new Form(code.code(), code.name(), code.description(), code.category(), code.resolution(),
                text(code.retryDelaySeconds()), text(code.maxAttempts()), code.active()), List.of());
    }

    @PostMapping({"", "/{id}"})
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String save(@PathVariable(required = false) Long id, @RequestParam(required = false) String code,
                @RequestParam(required = false) String name, @RequestParam(required = false) String description,
                @RequestParam(required = false) OutcomeCategory category,
                @RequestParam(required = false) CodeResolution resolution,
                @RequestParam(defaultValue = "") String retryDelaySeconds, @RequestParam(defaultValue = "") String maxAttempts,
                @RequestParam(defaultValue = "false") boolean active,
                Model model, RedirectAttributes redirect, HttpServletResponse response) {
        CompletionCode existing = id == null ? null : codes.existing(id);
        Form form = new Form(existing == null ? code : existing.code(), name, description, category, resolution,
                retryDelaySeconds, maxAttempts, active);
        List<Violation> violations = new ArrayList<>();
        Integer delay = number(retryDelaySeconds, "retryDelaySeconds", violations);
        Integer max = number(maxAttempts, "maxAttempts", violations);
        CompletionCodes.CodeDraft draft = new CompletionCodes.CodeDraft(code, name, description, category, resolution,
                delay, max, active);
        if (!violations.isEmpty()) {
            violations.addAll(codes.check(id, draft));
        } else {
            violations.addAll(codes.save(id, draft).violations());
        }
        if (!violations.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, existing, form, violations);
        }
        redirect.addFlashAttribute("notice", "codes.saved");
        return "redirect:/campaigns/completion-codes";
    }

    @PostMapping("/{id}/deactivate")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String deactivate(@PathVariable long id, RedirectAttributes redirect) {
        ReferenceResult result = codes.setActive(id, false);
        redirect.addFlashAttribute(result.ok() ? "notice" : "problem", result.ok() ? "codes.deactivated" : "codes.error.systemActive");
        return "redirect:/campaigns/completion-codes";
    }

    @PostMapping("/{id}/activate")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String activate(@PathVariable long id, RedirectAttributes redirect) {
        codes.setActive(id, true);
        redirect.addFlashAttribute("notice", "codes.activated");
        return "redirect:/campaigns/completion-codes";
    }

    @PostMapping("/{id}/delete")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        ReferenceResult result = codes.delete(id);
        if (result.ok()) {
            redirect.addFlashAttribute("notice", "codes.deleted");
        } else {
            redirect.addFlashAttribute("refusal", result.violations().get(0));
        }
        return "redirect:/campaigns/completion-codes";
    }

    /**
     * A number typed in a form: empty is null; anything but a whole number is a violation of its own
     * (the service is then not asked to save).
     */
    private static Integer number(String text, String field, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            violations.add(new Violation(field, "codes.error.notNumber", text.strip()));
            return null;
        }
    }

    private static String text(Integer number) {
        return number == null ? "" : number.toString();
    }

    private String form(Model model, CompletionCode code, Form form, List<Violation> violations) {
        model.addAttribute("code", code);
        model.addAttribute("form", form);
        model.addAttribute("groups", code == null ? List.of() : codes.groups().stream()
                .filter(group -> group.codes().stream().anyMatch(member -> member.id() == code.id()))
                .map(CodeGroup::name).toList());
        model.addAttribute("categories", OutcomeCategory.values());
        model.addAttribute("resolutions", CodeResolution.values());
        model.addAttribute("violations", violations);
        return "campaigns/completion-code";
    }

    record Form(String code, String name, String description, OutcomeCategory category, CodeResolution resolution,
                String retryDelaySeconds, String maxAttempts, boolean active) {
    }
}
