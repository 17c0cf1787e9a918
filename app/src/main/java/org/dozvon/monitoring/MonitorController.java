package org.dozvon.monitoring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.agents.OperatorNotFound;
import org.dozvon.agents.OperatorState;
import org.dozvon.agents.OperatorView;
import org.dozvon.agents.Operators;
import org.dozvon.campaigns.CampaignNotFoundException;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.campaigns.CodeGroup;
import org.dozvon.campaigns.CompletionCode;
import org.dozvon.campaigns.CompletionCodes;
import org.dozvon.contacts.FieldAccess;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Monitoring → Monitor: operators, active campaigns and open alerts as they happen (see {@link MonitorFeed}), and
 * a side panel per operator or campaign with the supervisor's forced actions ({@link MonitorActions}). The panels
 * are not replaced by the live blocks, so a form being filled in stays as it is.
 */
@Controller
class MonitorController {

    private final MonitorFeed feed;
    private final MonitorActions actions;
    private final Operators operators;
    private final Campaigns campaigns;
    private final CompletionCodes codes;
    private final FieldAccess fieldAccess;

    MonitorController(MonitorFeed feed, MonitorActions actions, Operators operators, Campaigns campaigns,
                      CompletionCodes codes, FieldAccess fieldAccess) {
        this.feed = feed;
        this.actions = actions;
        this.operators = operators;
        this.campaigns = campaigns;
        this.codes = codes;
        this.fieldAccess = fieldAccess;
    }

    @GetMapping("/monitoring")
    @RequiresPermission(Permission.MONITORING_VIEW)
    String monitor(@AuthenticationPrincipal DozvonUser user, Model model) {
        // read now: a page loaded right after a change (an acknowledgement's redirect) must not show the state before
        MonitorSnapshot snapshot = feed.refresh();
        model.addAttribute("liveWatch", MonitorFeed.TOPIC);
        model.addAttribute("snapshot", snapshot);
        model.addAttribute("numbers", numbers(user, snapshot));
        return "monitoring/monitor";
    }

    @GetMapping("/monitoring/blocks/{block}")
    @RequiresPermission(Permission.MONITORING_VIEW)
    String block(@PathVariable String block, @AuthenticationPrincipal DozvonUser user, Model model) {
        if (!Set.of("operators", "campaigns", "alerts").contains(block)) {
            throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
        }
        MonitorSnapshot snapshot = feed.current();
        model.addAttribute("snapshot", snapshot);
        model.addAttribute("numbers", numbers(user, snapshot));
        return "monitoring/monitor :: " + block;
    }

    // ---------------------------------------------------------------- operator panel

    @GetMapping("/monitoring/operator/{id}")
    @RequiresPermission(Permission.MONITORING_VIEW)
    String operatorPanel(@PathVariable long id, @AuthenticationPrincipal DozvonUser user, Model model) {
        return operatorPanel(operator(id), null, user, model);
    }

    @PostMapping("/monitoring/operator/{id}/state")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    String state(@PathVariable long id, @RequestParam String state, @AuthenticationPrincipal DozvonUser user, Model model) {
        OperatorView operator = operator(id);
        MonitorActions.Outcome outcome = switch (state) {
            case "READY" -> actions.changeState(user, operator, OperatorState.READY);
            case "NOT_READY" -> actions.changeState(user, operator, OperatorState.NOT_READY);
            case "OFFLINE" -> actions.changeState(user, operator, OperatorState.OFFLINE);
            case "RESET" -> actions.reset(user, operator);
            default -> MonitorActions.Outcome.refused("monitor.action.badState", state);
        };
        return operatorPanel(operator(id), outcome, user, model);
    }

    @PostMapping("/monitoring/operator/{id}/message")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    String message(@PathVariable long id, @RequestParam(defaultValue = "") String text,
                   @AuthenticationPrincipal DozvonUser user, Model model) {
        MonitorActions.Outcome outcome = actions.message(user, operator(id), text);
        if (!outcome.done()) {
            model.addAttribute("messageText", text);
        }
        return operatorPanel(operator(id), outcome, user, model);
    }

    @PostMapping("/monitoring/operator/{id}/hang-up")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    String hangUp(@PathVariable long id, @AuthenticationPrincipal DozvonUser user, Model model) {
        MonitorActions.Outcome outcome = actions.hangUp(user, operator(id));
        return operatorPanel(operator(id), outcome, user, model);
    }

    @PostMapping("/monitoring/operator/{id}/code")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    String code(@PathVariable long id, @RequestParam(required = false) String code,
                @AuthenticationPrincipal DozvonUser user, Model model) {
        OperatorView operator = operator(id);
        List<String> offered = offered(operator).stream().map(CompletionCode::code).toList();
        MonitorActions.Outcome outcome = actions.setCode(user, operator, code, offered);
        return operatorPanel(operator(id), outcome, user, model);
    }

    private String operatorPanel(OperatorView operator, MonitorActions.Outcome outcome, DozvonUser user, Model model) {
        MonitorSnapshot.OperatorRow row = feed.refresh().operators().rows().stream()
                .filter(r -> r.operator().id() == operator.id()).findFirst()
                .orElse(new MonitorSnapshot.OperatorRow(operator, null, null, null, null, null));
        model.addAttribute("row", row);
        model.addAttribute("outcome", outcome);
        model.addAttribute("codes", offered(operator));
        // the supervisor's own phone, when the supervisor is an operator too (the browser remembers one typed)
        model.addAttribute("myPhone", operators.ofUser(user.id()).map(OperatorView::endpoint).orElse(null));
        model.addAttribute("numbers", row.number() == null ? Map.of()
                : fieldAccess.shownNumbers(fieldAccess.shownTo(user), List.of(row.contactId()), List.of(row.number())));
        return "monitoring/panels :: operator";
    }

    private List<CompletionCode> offered(OperatorView operator) {
        return Optional.ofNullable(operator.campaignId()).flatMap(campaigns::find)
                .map(c -> c.settings().completionCodeGroupId()).flatMap(codes::group).map(CodeGroup::offered)
                .orElse(List.of());
    }

    private OperatorView operator(long id) {
        return operators.operator(id).orElseThrow(() -> new OperatorNotFound(id));
    }

    // ---------------------------------------------------------------- campaign panel

    @GetMapping("/monitoring/campaign/{id}")
    @RequiresPermission(Permission.MONITORING_VIEW)
    String campaignPanel(@PathVariable long id, Model model) {
        return campaignPanel(campaign(id), null, model);
    }

    @PostMapping("/monitoring/campaign/{id}/{action:pause|resume|stop}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String lifecycle(@PathVariable long id, @PathVariable String action, @AuthenticationPrincipal DozvonUser user,
                     Model model) {
        MonitorActions.Outcome outcome = actions.lifecycle(user, campaign(id), action);
        return campaignPanel(campaign(id), outcome, model);
    }

    @PostMapping("/monitoring/campaign/{id}/pace")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String pace(@PathVariable long id, @RequestParam String linesPerOperator, @RequestParam String abandonTarget,
                @AuthenticationPrincipal DozvonUser user, Model model) {
        CampaignView campaign = campaign(id);
        Double lines = decimal(linesPerOperator);
        Double abandon = decimal(abandonTarget);
        MonitorActions.Outcome outcome;
        if (lines == null) {
            outcome = MonitorActions.Outcome.refused("campaigns.error.linesPerOperator", linesPerOperator);
        } else if (abandon == null) {
            outcome = MonitorActions.Outcome.refused("campaigns.error.abandonTarget", abandonTarget);
        } else {
            outcome = actions.pace(user, campaign, lines, abandon);
        }
        if (!outcome.done()) {
            model.addAttribute("typedLines", linesPerOperator);
            model.addAttribute("typedAbandon", abandonTarget);
        }
        return campaignPanel(campaign(id), outcome, model);
    }

    private String campaignPanel(CampaignView campaign, MonitorActions.Outcome outcome, Model model) {
        MonitorSnapshot.CampaignRow row = feed.refresh().campaigns().rows().stream()
                .filter(r -> r.campaign().id() == campaign.id()).findFirst().orElse(null);
        model.addAttribute("campaign", campaign);
        model.addAttribute("row", row);
        model.addAttribute("outcome", outcome);
        return "monitoring/panels :: campaign";
    }

    private CampaignView campaign(long id) {
        return campaigns.find(id).orElseThrow(() -> new CampaignNotFoundException(id));
    }

    private static Double decimal(String text) {
        try {
            return text == null || text.isBlank() ? null : Double.valueOf(text.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The numbers of held calls as this user may see them (those shown as they are are absent). */
    private Map<String, String> numbers(DozvonUser user, MonitorSnapshot snapshot) {
        Set<Long> contacts = new HashSet<>();
        List<String> numbers = new ArrayList<>();
        snapshot.operators().rows().stream().filter(r -> r.number() != null).forEach(r -> {
            contacts.add(r.contactId());
            numbers.add(r.number());
        });
        return numbers.isEmpty() ? Map.of() : fieldAccess.shownNumbers(fieldAccess.shownTo(user), contacts, numbers);
    }
}
