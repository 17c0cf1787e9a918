package org.dozvon.agents;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.dozvon.Violation;
import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Operators: who works, in which state and for which campaign; operators and skills managed by supervisors. */
@Controller
@RequestMapping("/operators")
class OperatorsController {

    private final Operators operators;
    private final Campaigns campaigns;
    private final Clock clock;

    OperatorsController(Operators operators, Campaigns campaigns, Clock clock) {
        this.operators = operators;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    @GetMapping
    @RequiresPermission(Permission.OPERATORS_VIEW)
    String list(@AuthenticationPrincipal DozvonUser user, Model model) {
        model.addAttribute("canManage", user != null && user.has(Permission.OPERATORS_MANAGE));
        List<OperatorView> all = operators.all();
        Map<Long, String> campaignNames = new HashMap<>();
        all.stream().map(OperatorView::campaignId).filter(java.util.Objects::nonNull).distinct()
                .forEach(id -> campaigns.find(id).map(CampaignView::settings)
                        .ifPresent(s -> campaignNames.put(id, s.name())));
        Map<Long, String> skillNames = new HashMap<>();
        operators.skillList().forEach(skill -> skillNames.put(skill.id(), skill.name()));
        Map<OperatorState, Long> counts = new LinkedHashMap<>();
        for (OperatorState state : OperatorState.values()) {
            counts.put(state, all.stream().filter(o -> o.state() == state).count());
        }
        model.addAttribute("operators", all);
        model.addAttribute("campaignNames", campaignNames);
        model.addAttribute("skillNames", skillNames);
        model.addAttribute("counts", counts);
        model.addAttribute("now", clock.instant());
        return "agents/operators";
    }

    @PostMapping("/{id}/state")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    String state(@PathVariable long id, @RequestParam OperatorState state, RedirectAttributes redirect) {
        Operators.StateChange change = operators.changeState(id, state);
        redirect.addFlashAttribute("notice", switch (change) {
            case NOW -> "operators.stateChanged";
            case AFTER_CALL -> "operators.stateAfterCall";
            case NO_PHONE -> "operators.noPhone";
        });
        return "redirect:/operators";
    }

    @PostMapping("/{id}/message")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    String message(@PathVariable long id, @RequestParam(required = false) String text,
                   @AuthenticationPrincipal DozvonUser user, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", operators.sendMessage(id, text, user.getUsername()).ok()
                ? "operators.messageSent" : "operators.error.message");
        return "redirect:/operators";
    }

    @GetMapping("/new")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    String create(Model model) {
        return form(null, new Operators.OperatorDraft("", null, null, null, Map.of()), List.of(), model);
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    String edit(@PathVariable long id, Model model) {
        OperatorView operator = operators.operator(id).orElseThrow(() -> new OperatorNotFound(id));
        model.addAttribute("username", operators.username(id).orElse(null));
        return form(operator, new Operators.OperatorDraft(operator.name(), operator.userId(), operator.endpoint(),
                operator.wrapUpSeconds(), operator.skills()), List.of(), model);
    }

    private String form(OperatorView operator, Operators.OperatorDraft draft, List<Violation> violations, Model model) {
        model.addAttribute("operator", operator);
        model.addAttribute("draft", draft);
        model.addAttribute("skills", operators.skillList());
        model.addAttribute("violations", violations);
        return "agents/operator";
    }

    @PostMapping
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    String save(@RequestParam(required = false) Long id, @RequestParam MultiValueMap<String, String> form, Model model,
                RedirectAttributes redirect, HttpServletResponse response) {
        Map<Long, Integer> levels = new LinkedHashMap<>();
        java.util.List<Violation> unreadable = new java.util.ArrayList<>();
        form.forEach((name, values) -> {
            if (name.startsWith("level_") && !values.isEmpty() && !values.get(0).isBlank()) {
                try {
                    levels.put(Long.valueOf(name.substring(6)), Integer.valueOf(values.get(0).strip()));
                } catch (NumberFormatException e) {
                    unreadable.add(new Violation("skills", "operators.error.levelNumber", values.get(0).strip()));
                }
            }
        });
        Integer wrapUp = null;
        String wrapText = form.getFirst("wrapUpSeconds");
        if (wrapText != null && !wrapText.isBlank()) {
            try {
                wrapUp = Integer.valueOf(wrapText.strip());
            } catch (NumberFormatException e) {
                unreadable.add(new Violation("wrapUpSeconds", "operators.error.wrapUp"));
            }
        }
        String username = form.getFirst("username");
        Long userId = null;
        if (username != null && !username.isBlank()) {
            userId = operators.userNamed(username).orElse(null);
            if (userId == null) {
                unreadable.add(new Violation("userId", "operators.error.username", username.strip()));
            }
        }
        Operators.OperatorDraft draft = new Operators.OperatorDraft(form.getFirst("name"), userId, form.getFirst("endpoint"),
                wrapUp, levels);
        model.addAttribute("username", username);
        Operators.Saved saved = unreadable.isEmpty() ? operators.save(id, draft) : new Operators.Saved(unreadable, id);
        if (!saved.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(id == null ? null : operators.operator(id).orElse(null), draft, saved.violations(), model);
        }
        redirect.addFlashAttribute("notice", "operators.saved");
        return "redirect:/operators";
    }

    @PostMapping("/{id}/delete")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", operators.delete(id) ? "operators.deleted" : "operators.deleteRefused");
        return "redirect:/operators";
    }

    // ---------------------------------------------------------------- extensions

    @GetMapping("/extensions")
    @RequiresPermission(Permission.OPERATORS_VIEW)
    String extensions(@AuthenticationPrincipal DozvonUser user, Model model) {
        model.addAttribute("canManage", user != null && user.has(Permission.OPERATORS_MANAGE));
        model.addAttribute("extensions", operators.extensions());
        if (!model.containsAttribute("violations")) {
            model.addAttribute("violations", List.of());
        }
        return "agents/extensions";
    }

    @PostMapping("/extensions")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    String saveExtension(@RequestParam(required = false) Long id, @RequestParam(required = false) String endpoint,
                         @RequestParam(required = false) String description, @AuthenticationPrincipal DozvonUser user,
                         Model model, RedirectAttributes redirect, HttpServletResponse response) {
        Operators.Saved saved = operators.saveExtension(id, endpoint, description);
        if (!saved.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("violations", saved.violations());
            return extensions(user, model);
        }
        redirect.addFlashAttribute("notice", "extensions.saved");
        return "redirect:/operators/extensions";
    }

    @PostMapping("/extensions/{id}/delete")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    String deleteExtension(@PathVariable long id, RedirectAttributes redirect) {
        operators.deleteExtension(id);
        redirect.addFlashAttribute("notice", "extensions.deleted");
        return "redirect:/operators/extensions";
    }

    // ---------------------------------------------------------------- skills

    @GetMapping("/skills")
    @RequiresPermission(Permission.OPERATORS_VIEW)
    String skills(@AuthenticationPrincipal DozvonUser user, Model model) {
        model.addAttribute("canManage", user != null && user.has(Permission.OPERATORS_MANAGE));
        model.addAttribute("skills", operators.skillList());
        model.addAttribute("holders", operators.skillHolders());
        if (!model.containsAttribute("violations")) {
            model.addAttribute("violations", List.of());
        }
        return "agents/skills";
    }

    @PostMapping("/skills")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    String saveSkill(@RequestParam(required = false) Long id, @RequestParam(required = false) String name,
                     @RequestParam(required = false) String description, @AuthenticationPrincipal DozvonUser user,
                     Model model, RedirectAttributes redirect, HttpServletResponse response) {
        Operators.Saved saved = operators.saveSkill(id, name, description);
        if (!saved.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("violations", saved.violations());
            return skills(user, model);
        }
        redirect.addFlashAttribute("notice", "skills.saved");
        return "redirect:/operators/skills";
    }

    @PostMapping("/skills/{id}/delete")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    String deleteSkill(@PathVariable long id, RedirectAttributes redirect) {
        operators.deleteSkill(id);
        redirect.addFlashAttribute("notice", "skills.deleted");
        return "redirect:/operators/skills";
    }
}
