package org.dozvon.monitoring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.contacts.FieldAccess;
import org.dozvon.contacts.ShownFields;
import org.dozvon.dialing.CallRecord;
import org.dozvon.dialing.CallRecords;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The calls pages: {@code /calls}, the attempts newest first (of a campaign, of a contact: the contact page embeds
 * it), and {@code /calls/{attemptId}}, one attempt's card (see {@link CallDetail}). Both need MONITORING_VIEW: the
 * card gathers what several modules know of a call, the contact's values (as the reader's field access shows them)
 * and the strategy's reasoning; supervisors and administrators have it.
 */
@Controller
class CallDetailController {

    static final int PAGE = 50;

    private final CallDetails details;
    private final CallRecords records;
    private final Campaigns campaigns;
    private final FieldAccess fieldAccess;
    private final MessageSource messages;

    CallDetailController(CallDetails details, CallRecords records, Campaigns campaigns, FieldAccess fieldAccess,
                         MessageSource messages) {
        this.details = details;
        this.records = records;
        this.campaigns = campaigns;
        this.fieldAccess = fieldAccess;
        this.messages = messages;
    }

    @GetMapping("/calls/{attemptId}")
    @RequiresPermission(Permission.MONITORING_VIEW)
    String call(@PathVariable long attemptId, @AuthenticationPrincipal DozvonUser user, Model model) {
        CallDetail call = details.detail(attemptId, user).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Map<String, String> durations = new LinkedHashMap<>();
        call.stages().forEach(stage -> durations.put(stage.stage(), duration(stage.duration())));
        // the standard contract's delaySeconds (docs/strategies.md), in words
        Map<Object, String> delays = new HashMap<>();
        call.strategy().decisions().forEach(decision -> decision.rules().forEach(rule -> rule.outputs().stream()
                .filter(output -> "delaySeconds".equals(output.name()) && output.value() instanceof Number)
                .forEach(output -> delays.put(output.value(),
                        delay(((Number) output.value()).longValue())))));
        model.addAttribute("call", call);
        model.addAttribute("delays", delays);
        model.addAttribute("durations", durations);
        return "monitoring/call";
    }

    /**
     * The attempts newest first, of a campaign or a contact or all; {@code before} is the keyset (the last id shown).
     * An htmx request (the contact page's section) gets the table alone.
     */
    @GetMapping("/calls")
    @RequiresPermission(Permission.MONITORING_VIEW)
    String calls(@RequestParam(required = false) Long campaignId, @RequestParam(required = false) Long contactId,
                 @RequestParam(required = false) Long before, @AuthenticationPrincipal DozvonUser user,
                 @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        List<CallRecord> rows = records.list(campaignId, contactId, before, PAGE + 1);
        boolean more = rows.size() > PAGE;
        List<CallRecord> shownRows = more ? rows.subList(0, PAGE) : rows;
        ShownFields shown = fieldAccess.shownTo(user);
        Map<String, String> numbers = new HashMap<>();
        if (shown.restrictsPhones() && !shownRows.isEmpty()) {
            numbers.putAll(fieldAccess.shownNumbers(shown, shownRows.stream().map(CallRecord::contactId).distinct().toList(),
                    shownRows.stream().map(CallRecord::number).distinct().toList()));
        }
        Map<Long, String> campaignNames = new HashMap<>();
        shownRows.stream().map(CallRecord::campaignId).distinct()
                .forEach(id -> campaigns.find(id).map(CampaignView::name).ifPresent(name -> campaignNames.put(id, name)));
        model.addAttribute("calls", new ArrayList<>(shownRows));
        model.addAttribute("numbers", numbers);
        model.addAttribute("campaignNames", campaignNames);
        model.addAttribute("campaignId", campaignId);
        model.addAttribute("contactId", contactId);
        model.addAttribute("campaign", campaignId == null ? null : campaigns.find(campaignId).orElse(null));
        model.addAttribute("next", more ? shownRows.get(shownRows.size() - 1).attemptId() : null);
        model.addAttribute("embedded", htmx != null);
        return htmx != null ? "monitoring/calls :: list" : "monitoring/calls";
    }

    /** A decision's delay: "15 min", "4 h", else as a duration. */
    String delay(long seconds) {
        java.util.Locale locale = LocaleContextHolder.getLocale();
        if (seconds > 0 && seconds % 3600 == 0) {
            return messages.getMessage("calls.delay.h", new Object[] {seconds / 3600}, locale);
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return messages.getMessage("calls.delay.min", new Object[] {seconds / 60}, locale);
        }
        return duration(Duration.ofSeconds(seconds));
    }

    /** "850 ms", "12.4 s", "3 min 05 s", "1 h 02 min" in the reader's language. */
    String duration(Duration duration) {
        long millis = duration.toMillis();
        java.util.Locale locale = LocaleContextHolder.getLocale();
        if (millis < 1000) {
            return messages.getMessage("calls.duration.ms", new Object[] {millis}, locale);
        }
        if (millis < 60_000) {
            return messages.getMessage("calls.duration.s", new Object[] {String.format(locale, "%.1f", millis / 1000.0)},
                    locale);
        }
        long seconds = duration.toSeconds();
        if (seconds < 3600) {
            return messages.getMessage("calls.duration.min", new Object[] {seconds / 60, String.format("%02d", seconds % 60)},
                    locale);
        }
        return messages.getMessage("calls.duration.h", new Object[] {seconds / 3600,
                String.format("%02d", seconds % 3600 / 60)}, locale);
    }
}
