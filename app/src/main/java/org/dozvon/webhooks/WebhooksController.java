package org.dozvon.webhooks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.dozvon.Violation;
import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.campaigns.CampaignStatus;
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
 * Settings → Webhooks: the subscriptions (with their waiting and failed deliveries), the form, a subscription's
 * delivery log with "Redeliver" on failed deliveries, a test event.
 */
@Controller
@RequestMapping("/settings/webhooks")
@RequiresPermission(Permission.WEBHOOKS_MANAGE)
class WebhooksController {

    static final int PAGE = 50;

    private final Subscriptions subscriptions;
    private final Campaigns campaigns;

    WebhooksController(Subscriptions subscriptions, Campaigns campaigns) {
        this.subscriptions = subscriptions;
        this.campaigns = campaigns;
    }

    @GetMapping
    String list(Model model) {
        List<Subscription> all = subscriptions.all();
        model.addAttribute("subscriptions", all);
        model.addAttribute("counts", subscriptions.counts());
        model.addAttribute("none", SubscriptionStore.DeliveryCounts.NONE);
        model.addAttribute("campaignNames", campaignNames(all));
        return "webhooks/list";
    }

    @GetMapping("/new")
    String newSubscription(Model model) {
        Subscriptions.Form blank = new Subscriptions.Form("", "", "", List.of(EventType.CONTACT_ATTEMPT_COMPLETED.code(),
                EventType.CONTACT_FINISHED.code()), null, true, false);
        return form(model, null, blank, List.of());
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        Subscription subscription = subscriptions.require(id);
        return form(model, subscription, new Subscriptions.Form(subscription.name(), subscription.url(), "",
                subscription.eventCodes(), subscription.campaignId(), subscription.active(), false), List.of());
    }

    @PostMapping({"", "/{id}"})
    String save(@PathVariable(required = false) Long id, @RequestParam Map<String, String> params,
                @RequestParam(name = "eventTypes", required = false) List<String> eventTypes,
                @AuthenticationPrincipal DozvonUser user, Model model, RedirectAttributes redirect,
                HttpServletResponse response) {
        Subscription existing = id == null ? null : subscriptions.require(id);
        Subscriptions.Form form;
        try {
            form = formOf(params, eventTypes);
        } catch (NumberFormatException e) {
            form = new Subscriptions.Form(params.get("name"), params.get("url"), params.get("secret"),
                    eventTypes == null ? List.of() : eventTypes, null, "true".equals(params.get("active")), false);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, existing, form, List.of(new Violation("campaignId", "webhooks.error.campaignUnknown",
                    params.get("campaignId"))));
        }
        Subscriptions.Saved saved = id == null ? subscriptions.create(form, user) : subscriptions.update(id, form, user);
        if (!saved.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, existing, form, saved.violations());
        }
        redirect.addFlashAttribute("notice", id == null ? "webhooks.created" : "webhooks.saved");
        if (saved.secret() != null) {
            redirect.addFlashAttribute("secret", saved.secret());
        }
        return "redirect:/settings/webhooks/" + saved.id();
    }

    /** The secret in clear on the subscription's page, for setting up the CRM. */
    @PostMapping("/{id}/secret")
    String secret(@PathVariable long id, @AuthenticationPrincipal DozvonUser user, RedirectAttributes redirect) {
        redirect.addFlashAttribute("secret", subscriptions.revealSecret(id, user));
        return "redirect:/settings/webhooks/" + id;
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, @AuthenticationPrincipal DozvonUser user, RedirectAttributes redirect) {
        subscriptions.delete(id, user);
        redirect.addFlashAttribute("notice", "webhooks.deleted");
        return "redirect:/settings/webhooks";
    }

    @PostMapping("/{id}/test")
    String test(@PathVariable long id, @AuthenticationPrincipal DozvonUser user, RedirectAttributes redirect) {
        Subscription subscription = subscriptions.require(id);
        subscriptions.test(id, user);
        redirect.addFlashAttribute("notice", subscription.active() ? "webhooks.testQueued" : "webhooks.testQueuedInactive");
        return "redirect:/settings/webhooks/" + id + "/deliveries";
    }

    @GetMapping("/{id}/deliveries")
    String deliveries(@PathVariable long id, @RequestParam(required = false) String state,
                      @RequestParam(required = false) Long before, Model model) {
        Subscription subscription = subscriptions.require(id);
        Delivery.State shown = stateOf(state);
        List<Delivery> rows = subscriptions.deliveries(id, shown, before, PAGE + 1);
        boolean more = rows.size() > PAGE;
        List<Delivery> page = more ? rows.subList(0, PAGE) : rows;
        model.addAttribute("subscription", subscription);
        model.addAttribute("deliveries", page);
        model.addAttribute("next", more ? page.get(page.size() - 1).id() : null);
        model.addAttribute("before", before);
        model.addAttribute("state", shown);
        model.addAttribute("states", Delivery.State.values());
        model.addAttribute("counts", subscriptions.counts().getOrDefault(id, SubscriptionStore.DeliveryCounts.NONE));
        return "webhooks/deliveries";
    }

    @PostMapping("/{id}/deliveries/{deliveryId}/redeliver")
    String redeliver(@PathVariable long id, @PathVariable long deliveryId, @RequestParam(required = false) String state,
                     @AuthenticationPrincipal DozvonUser user, RedirectAttributes redirect) {
        Delivery delivery = subscriptions.delivery(deliveryId);
        if (delivery.subscriptionId() != id) {
            throw new WebhookNotFound("webhook delivery " + deliveryId + " of subscription " + id);
        }
        try {
            subscriptions.redeliver(deliveryId, user);
            redirect.addFlashAttribute("notice", "webhooks.redelivered");
        } catch (Subscriptions.RedeliveryRefused e) {
            redirect.addFlashAttribute("problem", "webhooks.error.redeliverPending");
        }
        Delivery.State shown = stateOf(state);
        return "redirect:/settings/webhooks/" + id + "/deliveries" + (shown == null ? "" : "?state=" + shown.name());
    }

    private String form(Model model, Subscription subscription, Subscriptions.Form form, List<Violation> violations) {
        model.addAttribute("subscription", subscription);
        model.addAttribute("form", form);
        model.addAttribute("eventTypes", EventType.subscribable());
        model.addAttribute("campaigns", campaignChoices());
        model.addAttribute("violations", violations);
        return "webhooks/form";
    }

    private static Subscriptions.Form formOf(Map<String, String> params, List<String> eventTypes) {
        String campaign = params.getOrDefault("campaignId", "").strip();
        return new Subscriptions.Form(params.get("name"), params.get("url"), params.get("secret"),
                eventTypes == null ? List.of() : eventTypes, campaign.isEmpty() ? null : Long.valueOf(campaign),
                "true".equals(params.get("active")), "true".equals(params.get("newSecret")));
    }

    private static Delivery.State stateOf(String state) {
        try {
            return state == null || state.isBlank() ? null : Delivery.State.valueOf(state);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private List<CampaignView> campaignChoices() {
        List<CampaignView> all = new ArrayList<>();
        for (CampaignStatus status : CampaignStatus.values()) {
            all.addAll(campaigns.withStatus(status));
        }
        all.sort(Comparator.comparing(CampaignView::name, String.CASE_INSENSITIVE_ORDER));
        return all;
    }

    private Map<Long, String> campaignNames(List<Subscription> all) {
        Map<Long, String> names = new java.util.HashMap<>();
        all.stream().filter(s -> s.campaignId() != null).forEach(s ->
                campaigns.find(s.campaignId()).ifPresent(c -> names.put(c.id(), c.name())));
        return names;
    }
}
