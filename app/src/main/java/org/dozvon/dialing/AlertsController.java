package org.dozvon.dialing;

import java.util.List;

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
 * Campaigns → Alerts: the alerts newest first (open ones, or all), with an Acknowledge button; and a campaign's open
 * auto-stop alert as a fragment its page loads.
 */
@Controller
class AlertsController {

    static final String PATH = "/campaigns/alerts";
    static final int PAGE = 50;

    private final Alerts alerts;

    AlertsController(Alerts alerts) {
        this.alerts = alerts;
    }

    @GetMapping(PATH)
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    String list(@RequestParam(defaultValue = "true") boolean open, @RequestParam(required = false) Long before, Model model) {
        List<Alert> rows = alerts.page(open, null, before, PAGE + 1);
        boolean more = rows.size() > PAGE;
        List<Alert> shown = more ? rows.subList(0, PAGE) : rows;
        model.addAttribute("alerts", shown);
        model.addAttribute("next", more ? shown.get(shown.size() - 1).id() : null);
        model.addAttribute("before", before);
        model.addAttribute("open", open);
        return "dialing/alerts";
    }

    /** Acknowledges; back to the list, to the campaign's page ({@code back=campaign}) or the monitor ({@code back=monitor}). */
    @PostMapping(PATH + "/{id}/acknowledge")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String acknowledge(@PathVariable long id, @RequestParam(defaultValue = "list") String back,
                       @AuthenticationPrincipal DozvonUser user, RedirectAttributes redirect) {
        Alert alert;
        try {
            alert = alerts.acknowledge(id, user.getUsername());
            redirect.addFlashAttribute("notice", alert.kind() == AlertKind.AUTO_STOP ? "alerts.acknowledged.AUTO_STOP"
                    : "alerts.acknowledged");
        } catch (AlertAlreadyAcknowledged e) {
            alert = e.alert();
            redirect.addFlashAttribute("problem", "alerts.error.alreadyAcknowledged");
        }
        if ("monitor".equals(back)) {
            return "redirect:/monitoring";
        }
        if ("campaign".equals(back) && alert.campaignId() != null) {
            return "redirect:/campaigns/" + alert.campaignId();
        }
        return "redirect:" + PATH;
    }

    /** The campaign's open auto-stop alert (why it is paused), or nothing. */
    @GetMapping("/campaigns/{id}/alert")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    String campaignAlert(@PathVariable long id, Model model) {
        model.addAttribute("alert", alerts.openAutoStop(id).orElse(null));
        return "dialing/alerts :: campaign-alert";
    }
}
