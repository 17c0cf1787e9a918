package org.dozvon.strategy;

import java.time.ZoneId;

import org.dozvon.campaigns.Campaigns;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.dialing.DialQueue;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A campaign's contacts as the strategy sees them: waiting for their calling window, queued for a dial,
 * finished by final status. An htmx fragment the campaign's page loads and refreshes.
 */
@Controller
class CampaignProgressController {

    private final CampaignContacts progress;
    private final DialQueue queue;
    private final Campaigns campaigns;

    CampaignProgressController(CampaignContacts progress, DialQueue queue, Campaigns campaigns) {
        this.progress = progress;
        this.queue = queue;
        this.campaigns = campaigns;
    }

    @GetMapping("/campaigns/{id}/progress")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    String progress(@PathVariable long id, Model model) {
        model.addAttribute("counts", progress.summary(id));
        model.addAttribute("queued", queue.queued(id));
        model.addAttribute("nextDialAt", progress.nextDialAt(id).orElse(null));
        // shown in the campaign's zone, as its calling hours are written
        model.addAttribute("zone", campaigns.find(id).map(c -> c.settings().zone()).orElse(ZoneId.systemDefault()));
        return "strategy/progress :: progress";
    }
}
