package org.dozvon.campaigns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

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

/**
 * Campaigns → Scripts: call scripts and their questions. The form has one row per question and a few blank
 * rows to add more; a blank row is left out, a row marked "remove" too, and rows are saved in the order of
 * their position numbers.
 */
@Controller
@RequestMapping("/campaigns/scripts")
class ScriptsController {

    static final int BLANK_ROWS = 3;

    private final Scripts scripts;

    ScriptsController(Scripts scripts) {
        this.scripts = scripts;
    }

    @GetMapping
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    String list(Model model) {
        model.addAttribute("scripts", scripts.scripts());
        return "campaigns/scripts";
    }

    @GetMapping("/new")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String newScript(Model model) {
        return form(model, null, "", "", List.of(), List.of());
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String edit(@PathVariable long id, Model model) {
        Script script = scripts.existing(id);
        return form(model, script, script.name(), script.description(),
                script.questions().stream().map(Scripts.QuestionDraft::of).toList(), List.of());
    }

    @PostMapping({"", "/{id}"})
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String save(@PathVariable(required = false) Long id, @RequestParam(required = false) String name,
                @RequestParam(required = false) String description, @RequestParam Map<String, String> params,
                Model model, RedirectAttributes redirect, HttpServletResponse response) {
        Script existing = id == null ? null : scripts.existing(id);
        List<Scripts.QuestionDraft> questions = questions(params);
        ReferenceResult result = scripts.save(id, new Scripts.ScriptDraft(name, description, questions));
        if (!result.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, existing, name, description, questions, result.violations());
        }
        redirect.addFlashAttribute("notice", "scripts.saved");
        return "redirect:/campaigns/scripts/" + result.id();
    }

    @PostMapping("/{id}/delete")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        ReferenceResult result = scripts.delete(id);
        if (!result.ok()) {
            redirect.addFlashAttribute("refusal", result.violations().get(0));
            return "redirect:/campaigns/scripts/" + id;
        }
        redirect.addFlashAttribute("notice", "scripts.deleted");
        return "redirect:/campaigns/scripts";
    }

    /** The form's rows ({@code key_0}, {@code text_0}, … up to {@code rows}) as questions in position order. */
    static List<Scripts.QuestionDraft> questions(Map<String, String> params) {
        int rows;
        try {
            rows = Math.min(Integer.parseInt(params.getOrDefault("rows", "0")), Scripts.MAX_QUESTIONS + BLANK_ROWS);
        } catch (NumberFormatException e) {
            rows = 0;
        }
        record Row(int position, int index, Scripts.QuestionDraft question) {
        }
        List<Row> kept = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            String key = params.get("key_" + i);
            String text = params.get("text_" + i);
            String options = params.get("options_" + i);
            String link = params.get("link_" + i);
            String help = params.get("help_" + i);
            if (params.containsKey("remove_" + i) || blank(key) && blank(text) && blank(options) && blank(link) && blank(help)) {
                continue;
            }
            AnswerType type = null;
            try {
                type = blank(params.get("type_" + i)) ? null : AnswerType.valueOf(params.get("type_" + i));
            } catch (IllegalArgumentException e) {
                // reported by the service as a missing type
            }
            int position;
            try {
                position = Integer.parseInt(params.getOrDefault("position_" + i, "").strip());
            } catch (NumberFormatException e) {
                position = Integer.MAX_VALUE;
            }
            kept.add(new Row(position, i, new Scripts.QuestionDraft(key, text, type,
                    options == null ? List.of() : Arrays.asList(options.split("\\R")),
                    params.containsKey("mandatory_" + i), link, help)));
        }
        kept.sort(Comparator.comparingInt(Row::position).thenComparingInt(Row::index));
        return kept.stream().map(Row::question).toList();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private String form(Model model, Script script, String name, String description,
                        List<Scripts.QuestionDraft> questions, List<Violation> violations) {
        List<Scripts.QuestionDraft> rows = new ArrayList<>(questions);
        for (int i = 0; i < BLANK_ROWS; i++) {
            rows.add(Scripts.QuestionDraft.EMPTY);
        }
        model.addAttribute("script", script);
        model.addAttribute("name", name);
        model.addAttribute("description", description);
        model.addAttribute("rows", rows);
        model.addAttribute("types", AnswerType.values());
        model.addAttribute("violations", violations);
        return "campaigns/script";
    }
}
