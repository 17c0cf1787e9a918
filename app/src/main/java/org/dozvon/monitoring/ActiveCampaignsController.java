package org.dozvon.monitoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.dozvon.Violation;
import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.agents.OperatorNotFound;
import org.dozvon.agents.OperatorState;
import org.dozvon.agents.OperatorView;
import org.dozvon.agents.Operators;
import org.dozvon.campaigns.CampaignNotFoundException;
import org.dozvon.campaigns.CampaignRefusedException;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Monitoring → Active campaigns (manual 20.3.1): every running or paused campaign with its progress, callbacks and
 * the operators working it now; pause, resume and stop, the weight; an operator's state and a forced move; the pools
 * of operators and campaigns as a grid of checkboxes. Seeing needs {@code MONITORING_VIEW}; campaign actions
 * {@code CAMPAIGNS_MANAGE}, operator actions {@code OPERATORS_MANAGE}. The blocks refresh themselves over the page's
 * live connection (event {@value ActiveCampaignsLive#EVENT}).
 */
@Controller
@RequestMapping("/monitoring/campaigns")
class ActiveCampaignsController {

    private static final String PAGE = "redirect:/monitoring/campaigns";

    private final ActiveCampaigns view;
    private final MonitorActions actions;
    private final Campaigns campaigns;
    private final Operators operators;

    ActiveCampaignsController(ActiveCampaigns view, MonitorActions actions, Operators operators, Campaigns campaigns) {
        this.campaigns = campaigns;
        this.view = view;
        this.actions = actions;
        this.operators = operators;
    }

    @GetMapping
    @RequiresPermission(Permission.MONITORING_VIEW)
    String page(@AuthenticationPrincipal DozvonUser user, Model model) {
        fill(user, model);
        return "monitoring/campaigns";
    }

    /** The live blocks alone, for an open page that heard {@value ActiveCampaignsLive#EVENT}. */
    @GetMapping("/live")
    @RequiresPermission(Permission.MONITORING_VIEW)
    String live(@AuthenticationPrincipal DozvonUser user, Model model) {
        fill(user, model);
        return "monitoring/campaigns :: live";
    }

    private void fill(DozvonUser user, Model model) {
        model.addAttribute("liveWatch", ActiveCampaignsLive.TOPIC);
        model.addAttribute("view", view.page());
        model.addAttribute("canManageCampaigns", user != null && user.has(Permission.CAMPAIGNS_MANAGE));
        model.addAttribute("canManageOperators", user != null && user.has(Permission.OPERATORS_MANAGE));
        model.addAttribute("minWeight", Campaigns.MIN_WEIGHT);
        model.addAttribute("maxWeight", Campaigns.MAX_WEIGHT);
    }

    @PostMapping("/{id}/{action:pause|resume|stop}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String lifecycle(@PathVariable long id, @PathVariable String action, @AuthenticationPrincipal DozvonUser user,
                     RedirectAttributes redirect) {
        try {
            actions.move(user, campaign(id), action);
            redirect.addFlashAttribute("notice", "campaigns.done." + action);
        } catch (CampaignRefusedException e) {
            redirect.addFlashAttribute("refusals", e.violations());
        }
        return PAGE;
    }

    @PostMapping("/{id}/weight")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String weight(@PathVariable long id, @RequestParam(required = false) String weight,
                  @AuthenticationPrincipal DozvonUser user, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        String field = "weight-" + id;
        List<Violation> violations = new ArrayList<>();
        Integer value = null;
        try {
            value = Integer.valueOf(weight == null ? "" : weight.strip());
        } catch (NumberFormatException e) {
            violations.add(new Violation(field, "campaigns.error.range", Campaigns.MIN_WEIGHT, Campaigns.MAX_WEIGHT));
        }
        if (value != null) {
            try {
                actions.weight(user, campaign(id), value);
                redirect.addFlashAttribute("notice", "monitoring.campaigns.weightSaved");
                return PAGE;
            } catch (CampaignRefusedException e) {
                e.violations().forEach(v -> violations.add(new Violation(field, v.messageKey(), v.arguments())));
            }
        }
        response.setStatus(422);
        model.addAttribute("violations", violations);
        model.addAttribute("weightDraft", Map.of(id, weight == null ? "" : weight));
        return page(user, model);
    }

    @PostMapping("/operators/{id}/state")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    String state(@PathVariable long id, @RequestParam OperatorState state, @AuthenticationPrincipal DozvonUser user,
                 RedirectAttributes redirect) {
        if (state.holdsCall()) {
            redirect.addFlashAttribute("problem", "operators.error.state");
            return PAGE;
        }
        redirect.addFlashAttribute("notice", switch (actions.state(user, operator(id), state)) {
            case NOW -> "operators.stateChanged";
            case AFTER_CALL -> "operators.stateAfterCall";
            case NO_PHONE -> "operators.noPhone";
        });
        return PAGE;
    }

    /** {@code campaignId} blank: back to ordinary routing. */
    @PostMapping("/operators/{id}/move")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    String move(@PathVariable long id, @RequestParam(required = false) Long campaignId,
                @AuthenticationPrincipal DozvonUser user, RedirectAttributes redirect) {
        Operators.Move move = operators.moveTo(id, campaignId, user);
        if (!move.ok()) {
            redirect.addFlashAttribute("refusals", move.violations());
        } else {
            redirect.addFlashAttribute("notice", campaignId == null ? "monitoring.campaigns.moveCleared"
                    : move.effective() == Operators.StateChange.AFTER_CALL ? "monitoring.campaigns.movedAfterCall"
                    : "monitoring.campaigns.moved");
        }
        return PAGE;
    }

    /**
     * The pools grid: {@code scope} names its campaigns (columns), {@code operator} its operators (rows), each ticked
     * box is a {@code pool} value {@code operatorId:campaignId}. Membership of campaigns outside the grid stays.
     */
    @PostMapping("/pools")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    String pools(@RequestParam(name = "scope", required = false) List<Long> scope,
                 @RequestParam(name = "operator", required = false) List<Long> rows,
                 @RequestParam(name = "pool", required = false) List<String> ticked,
                 @AuthenticationPrincipal DozvonUser user, RedirectAttributes redirect) {
        Map<Long, Set<Long>> grid = new HashMap<>();
        (rows == null ? List.<Long>of() : rows).forEach(operator -> grid.put(operator, new LinkedHashSet<>()));
        for (String box : ticked == null ? List.<String>of() : ticked) {
            String[] parts = box.split(":", 2);
            try {
                long operator = Long.parseLong(parts[0].strip());
                long campaign = Long.parseLong(parts.length == 2 ? parts[1].strip() : "");
                if (grid.containsKey(operator)) {
                    grid.get(operator).add(campaign);
                }
            } catch (NumberFormatException e) {
                redirect.addFlashAttribute("problem", "monitoring.pools.unreadable");
                return PAGE;
            }
        }
        int changed = operators.changePools(scope == null ? List.of() : scope, grid, user);
        redirect.addFlashAttribute("notice", changed == 0 ? "monitoring.pools.unchanged" : "monitoring.pools.saved");
        return PAGE;
    }

    private CampaignView campaign(long id) {
        return campaigns.find(id).orElseThrow(() -> new CampaignNotFoundException(id));
    }

    private OperatorView operator(long id) {
        return operators.operator(id).orElseThrow(() -> new OperatorNotFound(id));
    }
}
