package org.dozvon.campaigns;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A campaign's script answers: its latest answered attempts, and one attempt's answers for a supervisor to
 * correct (checked like the operator's: mandatory questions answered, answers of their types).
 */
@Controller
class ScriptAnswersController {

    static final int RECENT = 50;

    private final Campaigns campaigns;
    private final Scripts scripts;

    ScriptAnswersController(Campaigns campaigns, Scripts scripts) {
        this.campaigns = campaigns;
        this.scripts = scripts;
    }

    @GetMapping("/campaigns/{id}/answers")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    String recent(@PathVariable long id, Model model) {
        model.addAttribute("campaign", campaign(id));
        model.addAttribute("attempts", scripts.recentAnswers(id, RECENT));
        model.addAttribute("script", scripts.forCampaign(id).orElse(null));
        return "campaigns/answers";
    }

    @GetMapping("/campaigns/{id}/answers/{attemptId}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String attempt(@PathVariable long id, @PathVariable long attemptId, Model model) {
        List<ScriptAnswer> answers = answers(id, attemptId);
        Map<String, String> values = new LinkedHashMap<>();
        answers.forEach(answer -> values.put(answer.questionKey(), answer.answer()));
        return form(model, id, attemptId, answers, values, List.of());
    }

    @PostMapping("/campaigns/{id}/answers/{attemptId}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String save(@PathVariable long id, @PathVariable long attemptId, @RequestParam Map<String, String> params,
                @AuthenticationPrincipal DozvonUser user, Model model, RedirectAttributes redirect,
                HttpServletResponse response) {
        List<ScriptAnswer> answers = answers(id, attemptId);
        Script script = scripts.script(answers.get(0).scriptId()).orElseThrow(
                () -> new ReferenceNotFound("script " + answers.get(0).scriptId()));
        Map<String, String> values = Scripts.answersIn(params);
        List<Violation> violations = scripts.saveAnswers(attemptId, id, script.id(), values, user.getUsername());
        if (!violations.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, id, attemptId, answers, values, violations);
        }
        redirect.addFlashAttribute("notice", "answers.saved");
        return "redirect:/campaigns/" + id + "/answers";
    }


    private String form(Model model, long campaignId, long attemptId, List<ScriptAnswer> answers,
                        Map<String, String> values, List<Violation> violations) {
        model.addAttribute("campaign", campaign(campaignId));
        model.addAttribute("attemptId", attemptId);
        model.addAttribute("answers", answers);
        model.addAttribute("script", scripts.script(answers.get(0).scriptId()).orElse(null));
        model.addAttribute("values", values);
        model.addAttribute("violations", violations);
        return "campaigns/answer";
    }

    private List<ScriptAnswer> answers(long campaignId, long attemptId) {
        List<ScriptAnswer> answers = scripts.answers(attemptId);
        if (answers.isEmpty() || answers.get(0).campaignId() != campaignId) {
            throw new ReferenceNotFound("answered attempt " + attemptId + " in campaign " + campaignId);
        }
        return answers;
    }

    private CampaignView campaign(long id) {
        return campaigns.find(id).orElseThrow(() -> new CampaignNotFoundException(id));
    }
}
