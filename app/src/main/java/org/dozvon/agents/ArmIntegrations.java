package org.dozvon.agents;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.campaigns.CampaignIntegrations;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.campaigns.ClientData;
import org.dozvon.campaigns.ClientDataService;
import org.dozvon.campaigns.ClientDataUnavailable;
import org.dozvon.campaigns.UrlTemplates;
import org.dozvon.contacts.ContactCards;
import org.dozvon.contacts.ContactLists;
import org.dozvon.contacts.FieldAccess;
import org.dozvon.contacts.ShownFields;
import org.dozvon.dialing.CallRecord;
import org.dozvon.dialing.CallRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The workplace's integrations (issue 6 point 7; the panel's block {@code arm/integrations}): the campaign's links,
 * filled with the call's values and opened in a new tab (the default one by itself, once per call, by
 * {@code arm.js}), and "refresh client data", which asks the campaign's web service for the client's fresh values,
 * stores them into the contact (each checked as any edit is) and shows them beside the card, changed ones marked.
 * The block reads what it shows from this bean ({@code @armIntegrations}); the refresh answers with the block alone,
 * so a wrap-up being filled in is left alone.
 */
@Controller("armIntegrations")
class ArmIntegrations {

    /** Refreshes remembered for the panel's next renders (the newest calls'); nothing depends on them surviving. */
    private static final int REMEMBERED = 500;
    private static final Logger log = LoggerFactory.getLogger(ArmIntegrations.class);

    private final ArmController arm;
    private final FieldAccess fieldAccess;
    private final Operators operators;
    private final Campaigns campaigns;
    private final CallRecords calls;
    private final ContactCards cards;
    private final ContactLists lists;
    private final ClientData clientData;
    private final Clock clock;
    private final Map<Long, Refreshed> refreshed = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Refreshed> eldest) {
            return size() > REMEMBERED;
        }
    });

    ArmIntegrations(ArmController arm, Operators operators, Campaigns campaigns, CallRecords calls, ContactCards cards,
                    ContactLists lists, ClientData clientData, Clock clock, FieldAccess fieldAccess) {
        this.fieldAccess = fieldAccess;
        this.arm = arm;
        this.operators = operators;
        this.campaigns = campaigns;
        this.calls = calls;
        this.cards = cards;
        this.lists = lists;
        this.clientData = clientData;
        this.clock = clock;
    }

    /**
     * Asks the campaign's client-data service for the client of the operator's call ({@code attemptId}: the call the
     * operator saw), stores the fresh values into the contact and answers the block with them. A call that is no
     * longer the operator's answers the whole panel instead.
     */
    @PostMapping("/arm/integrations/refresh")
    @RequiresPermission(Permission.WORKPLACE_USE)
    String refresh(@AuthenticationPrincipal DozvonUser user, @RequestParam long attemptId, Model model,
                   HttpServletResponse response) {
        Optional<OperatorView> operator = operators.ofUser(user.id()).filter(o -> o.attemptId() != null
                && o.attemptId() == attemptId);
        Optional<CallRecord> call = operator.flatMap(o -> calls.attempt(attemptId));
        Optional<ContactCards.Card> card = call.flatMap(c -> cards.card(c.contactId()));
        if (operator.isEmpty() || card.isEmpty()) {
            response.setHeader("HX-Retarget", "#arm-panel");
            response.setHeader("HX-Reswap", "outerHTML");
            return arm.panel(user, model, "arm.integrations.noCall");
        }
        Optional<CampaignView> campaign = campaigns.find(call.get().campaignId());
        ClientDataService service = campaign.map(c -> c.settings().integrations().clientData()).orElse(null);
        Map<String, Object> values = UrlTemplates.values(card.get().values(), call.get().number(), card.get().id(),
                call.get().campaignId(), user.getUsername(), attemptId);
        Refreshed result;
        // the service gets the real values; the operator sees them as its field access allows, like the card
        ShownFields shown = fieldAccess.shownTo(user);
        Map<String, Object> cardValues = card.get().values();
        try {
            ClientData.Answer answer = clientData.fetch(service, values);
            Optional<ContactLists.FieldChanges> changes = lists.changeFields(card.get().id(), answer.values());
            if (changes.isEmpty()) {
                response.setHeader("HX-Retarget", "#arm-panel");
                response.setHeader("HX-Reswap", "outerHTML");
                return arm.panel(user, model, "arm.integrations.noCall");
            }
            result = rows(changes.get(), answer, shown);
            cardValues = changes.get().after();
            log.info("Operator '{}' refreshed the client data of contact {} (attempt {}, campaign {}): {} values, {} changed, {} refused",
                    user.getUsername(), card.get().id(), attemptId, call.get().campaignId(), answer.values().size(),
                    changes.get().changed().size(), result.refusedCount());
        } catch (ClientDataUnavailable e) {
            result = new Refreshed(clock.instant(), List.of(), e.messageKey(), e.arguments());
            // the service's failure itself is logged by ClientData; this line is the operator's action
            log.info("Operator '{}' could not refresh the client data of contact {} (attempt {}, campaign {}): {}",
                    user.getUsername(), card.get().id(), attemptId, call.get().campaignId(), e.messageKey());
        }
        refreshed.put(attemptId, result);
        model.addAttribute("operator", operator.get());
        model.addAttribute("campaign", campaign.orElse(null));
        model.addAttribute("call", call.get());
        model.addAttribute("cardValues", shown.values(cardValues));
        return "arm/integrations :: integrations";
    }

    // ---------------------------------------------------------------- what the block shows

    /**
     * The block for the operator's call: the campaign's links filled with the call's values, whether the campaign has
     * a client-data service, and the last refresh of this call.
     *
     * @param cardValues the contact's values by field code
     * @param username   the operator's user name ({@code {operator}})
     */
    public Block block(OperatorView operator, CampaignView campaign, CallRecord call, Map<String, Object> cardValues,
                       String username) {
        CampaignIntegrations integrations = campaign == null ? CampaignIntegrations.NONE : campaign.settings().integrations();
        Map<String, Object> values = UrlTemplates.values(cardValues, call.number(), call.contactId(), call.campaignId(),
                username, call.attemptId());
        return new Block(call.attemptId(), integrations.linksFor(values), integrations.clientData() != null,
                refreshed.get(call.attemptId()));
    }

    private Refreshed rows(ContactLists.FieldChanges changes, ClientData.Answer answer, ShownFields shown) {
        Map<String, String> names = new LinkedHashMap<>();
        lists.schema(changes.listId()).ifPresent(schema -> schema.fields()
                .forEach(field -> names.put(field.code(), field.name())));
        Map<String, String> reasons = new LinkedHashMap<>();
        changes.refused().forEach(problem -> reasons.merge(String.valueOf(problem.fieldCode()), problem.reason(),
                (a, b) -> a + "; " + b));
        answer.notValues().forEach(code -> reasons.put(code, "is not a single value"));
        List<Row> rows = new ArrayList<>();
        // as the card shows them: a masked field's values masked, a hidden field's not at all
        java.util.function.BiFunction<String, Object, String> seen = (code, value) -> text(shown.value(code, value));
        answer.values().forEach((code, fresh) -> {
            if (!shown.hidden(code)) {
                rows.add(new Row(names.getOrDefault(code, code), seen.apply(code, changes.before().get(code)),
                        reasons.containsKey(code) ? seen.apply(code, fresh) : seen.apply(code, changes.after().get(code)),
                        changes.changed().contains(code), reasons.get(code)));
            }
            reasons.remove(code);
        });
        answer.notValues().forEach(code -> {
            if (!shown.hidden(code)) {
                rows.add(new Row(names.getOrDefault(code, code), seen.apply(code, changes.before().get(code)), "", false,
                        reasons.get(code)));
            }
            reasons.remove(code);
        });
        // problems of fields the service did not send (the contact's own values no longer pass)
        reasons.forEach((code, reason) -> {
            if (!shown.hidden(code)) {
                rows.add(new Row(names.getOrDefault(code, code), seen.apply(code, changes.before().get(code)), "", false,
                        reason));
            }
        });
        return new Refreshed(clock.instant(), rows, null, new Object[0]);
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Float) {
            return java.math.BigDecimal.valueOf(((Number) value).doubleValue()).stripTrailingZeros().toPlainString();
        }
        return value instanceof java.math.BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }

    /**
     * The integrations block of one call.
     *
     * @param links       the campaign's links for this call
     * @param refreshable the campaign has a client-data service
     * @param refreshed   the last refresh of this call; null: none yet
     */
    public record Block(long attemptId, List<CampaignIntegrations.OpenLink> links, boolean refreshable,
                        Refreshed refreshed) {

        /** The URL opened by itself, if a link is the default. */
        public String defaultUrl() {
            return links.stream().filter(CampaignIntegrations.OpenLink::openByDefault).map(CampaignIntegrations.OpenLink::url)
                    .findFirst().orElse(null);
        }
    }

    /**
     * One refresh: the values the service sent, or why there are none.
     *
     * @param rows       per value sent: the field, its value before and now, whether it changed, why it was refused
     * @param problem    the message key of why the service gave nothing usable; null when it answered
     * @param arguments  that message's arguments
     */
    public record Refreshed(Instant at, List<Row> rows, String problem, Object[] arguments) {

        long refusedCount() {
            return rows.stream().filter(row -> row.refusal() != null).count();
        }
    }

    /**
     * @param field   the field's name (its code when it is not a field of the contact's list)
     * @param before  the value the card showed
     * @param now     the value stored now (or the one sent, when refused)
     * @param refusal why the value was not stored; null: stored
     */
    public record Row(String field, String before, String now, boolean changed, String refusal) {
    }
}
