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

/** Campaigns → Caller IDs: the numbers customers see and the groups campaigns draw them from. */
@Controller
@RequestMapping("/campaigns/caller-ids")
class CallerIdsController {

    private final CallerIds callerIds;

    CallerIdsController(CallerIds callerIds) {
        this.callerIds = callerIds;
    }

    @GetMapping
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    String list(Model model) {
        model.addAttribute("numbers", callerIds.numbers());
        model.addAttribute("groups", callerIds.groups());
        if (!model.containsAttribute("violations")) {
            model.addAttribute("violations", List.of());
        }
        return "campaigns/caller-ids";
    }

    @PostMapping("/numbers")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String addNumber(@RequestParam(required = false) String number, @RequestParam(required = false) String description,
                     Model model, RedirectAttributes redirect, HttpServletResponse response) {
        ReferenceResult result = callerIds.addNumber(number, description);
        if (!result.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("violations", result.violations());
            model.addAttribute("number", number);
            model.addAttribute("numberDescription", description);
            return list(model);
        }
        redirect.addFlashAttribute("notice", "callerIds.saved");
        return "redirect:/campaigns/caller-ids";
    }

    @PostMapping("/numbers/{id}/delete")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String deleteNumber(@PathVariable long id, RedirectAttributes redirect) {
        callerIds.deleteNumber(id);
        redirect.addFlashAttribute("notice", "callerIds.deleted");
        return "redirect:/campaigns/caller-ids";
    }

    @PostMapping("/groups")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String createGroup(@RequestParam(required = false) String name, @RequestParam(required = false) String description,
                       Model model, RedirectAttributes redirect, HttpServletResponse response) {
        ReferenceResult result = callerIds.saveGroup(null, name, description, List.of());
        if (!result.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("violations", result.violations());
            model.addAttribute("name", name);
            model.addAttribute("description", description);
            return list(model);
        }
        redirect.addFlashAttribute("notice", "callerIds.saved");
        return "redirect:/campaigns/caller-ids/groups/" + result.id();
    }

    @GetMapping("/groups/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    String group(@PathVariable long id, Model model) {
        CallerIdGroup group = callerIds.existingGroup(id);
        Set<Long> members = group.numbers().stream().map(CallerId::id).collect(Collectors.toSet());
        model.addAttribute("group", group);
        model.addAttribute("candidates", callerIds.numbers().stream().filter(n -> !members.contains(n.id())).toList());
        if (!model.containsAttribute("violations")) {
            model.addAttribute("violations", List.of());
        }
        return "campaigns/caller-id-group";
    }

    @PostMapping("/groups/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String rename(@PathVariable long id, @RequestParam(required = false) String name,
                  @RequestParam(required = false) String description, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        ReferenceResult result = callerIds.saveGroup(id, name, description, null);
        if (!result.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("violations", result.violations());
            return group(id, model);
        }
        redirect.addFlashAttribute("notice", "callerIds.saved");
        return "redirect:/campaigns/caller-ids/groups/" + id;
    }

    @PostMapping("/groups/{id}/numbers")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String add(@PathVariable long id, @RequestParam(required = false) Long callerIdId, RedirectAttributes redirect) {
        callerIds.existingGroup(id);
        if (callerIdId == null) {
            redirect.addFlashAttribute("refusal", new Violation("callerIdId", "callerIds.error.chooseNumber"));
        } else {
            callerIds.addToGroup(id, callerIdId);
            redirect.addFlashAttribute("notice", "callerIds.saved");
        }
        return "redirect:/campaigns/caller-ids/groups/" + id;
    }

    @PostMapping("/groups/{id}/numbers/{callerIdId}/remove")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String remove(@PathVariable long id, @PathVariable long callerIdId, RedirectAttributes redirect) {
        callerIds.removeFromGroup(id, callerIdId);
        redirect.addFlashAttribute("notice", "callerIds.saved");
        return "redirect:/campaigns/caller-ids/groups/" + id;
    }

    @PostMapping("/groups/{id}/delete")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String deleteGroup(@PathVariable long id, RedirectAttributes redirect) {
        callerIds.deleteGroup(id);
        redirect.addFlashAttribute("notice", "callerIds.deleted");
        return "redirect:/campaigns/caller-ids";
    }
}
