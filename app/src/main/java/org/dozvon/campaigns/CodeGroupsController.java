package org.dozvon.campaigns;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.dozvon.Violation;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Campaigns → Code groups: the sets of operator codes campaigns offer at wrap-up. */
@Controller
@RequestMapping("/campaigns/code-groups")
class CodeGroupsController {

    private final CompletionCodes codes;

    CodeGroupsController(CompletionCodes codes) {
        this.codes = codes;
    }

    @GetMapping
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    String list(Model model) {
        model.addAttribute("groups", codes.groups());
        if (!model.containsAttribute("violations")) {
            model.addAttribute("violations", List.of());
        }
        return "campaigns/code-groups";
    }

    @PostMapping
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String create(@RequestParam(required = false) String name, @RequestParam(required = false) String description,
                  Model model, RedirectAttributes redirect, HttpServletResponse response) {
        ReferenceResult result = codes.saveGroup(null, name, description, List.of());
        if (!result.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("violations", result.violations());
            model.addAttribute("name", name);
            model.addAttribute("description", description);
            return list(model);
        }
        redirect.addFlashAttribute("notice", "groups.saved");
        return "redirect:/campaigns/code-groups/" + result.id();
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    String group(@PathVariable long id, Model model) {
        CodeGroup group = codes.existingGroup(id);
        Set<Long> members = group.codes().stream().map(CompletionCode::id).collect(Collectors.toSet());
        model.addAttribute("group", group);
        model.addAttribute("candidates", codes.codes().stream()
                .filter(code -> code.kind() == CodeKind.OPERATOR && !members.contains(code.id())).toList());
        if (!model.containsAttribute("violations")) {
            model.addAttribute("violations", List.of());
        }
        return "campaigns/code-group";
    }

    @PostMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String rename(@PathVariable long id, @RequestParam(required = false) String name,
                  @RequestParam(required = false) String description, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        ReferenceResult result = codes.saveGroup(id, name, description, null);
        if (!result.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("violations", result.violations());
            model.addAttribute("name", name);
            model.addAttribute("description", description);
            return group(id, model);
        }
        redirect.addFlashAttribute("notice", "groups.saved");
        return "redirect:/campaigns/code-groups/" + id;
    }

    @PostMapping("/{id}/codes")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String add(@PathVariable long id, @RequestParam(required = false) Long codeId, RedirectAttributes redirect) {
        if (codeId == null) {
            redirect.addFlashAttribute("refusal", new Violation("codeId", "groups.error.chooseCode"));
        } else {
            ReferenceResult result = codes.addToGroup(id, codeId);
            if (result.ok()) {
                redirect.addFlashAttribute("notice", "groups.codeAdded");
            } else {
                redirect.addFlashAttribute("refusal", result.violations().get(0));
            }
        }
        return "redirect:/campaigns/code-groups/" + id;
    }

    @PostMapping("/{id}/codes/{codeId}/remove")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String remove(@PathVariable long id, @PathVariable long codeId, RedirectAttributes redirect) {
        codes.removeFromGroup(id, codeId);
        redirect.addFlashAttribute("notice", "groups.codeRemoved");
        return "redirect:/campaigns/code-groups/" + id;
    }

    @PostMapping("/{id}/codes/{codeId}/up")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String up(@PathVariable long id, @PathVariable long codeId) {
        codes.moveInGroup(id, codeId, -1);
        return "redirect:/campaigns/code-groups/" + id;
    }

    @PostMapping("/{id}/codes/{codeId}/down")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String down(@PathVariable long id, @PathVariable long codeId) {
        codes.moveInGroup(id, codeId, 1);
        return "redirect:/campaigns/code-groups/" + id;
    }

    @PostMapping("/{id}/delete")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        ReferenceResult result = codes.deleteGroup(id);
        if (!result.ok()) {
            redirect.addFlashAttribute("refusal", result.violations().get(0));
            return "redirect:/campaigns/code-groups/" + id;
        }
        redirect.addFlashAttribute("notice", "groups.deleted");
        return "redirect:/campaigns/code-groups";
    }
}
