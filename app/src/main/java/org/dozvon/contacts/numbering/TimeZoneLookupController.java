package org.dozvon.contacts.numbering;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Contacts → Time zones: which zone a number gets, and why. */
@Controller
class TimeZoneLookupController {

    private final NumberingTimeZones timeZones;
    private final Clock clock;

    TimeZoneLookupController(NumberingTimeZones timeZones, Clock clock) {
        this.timeZones = timeZones;
        this.clock = clock;
    }

    @GetMapping("/contacts/time-zones")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    String lookup(@RequestParam(defaultValue = "") String phone, @RequestParam(defaultValue = "") String field,
                  @RequestParam(defaultValue = "") String zone, Model model) {
        model.addAttribute("phone", phone);
        model.addAttribute("field", field);
        model.addAttribute("zone", zone);
        model.addAttribute("zoneSuggestions", ZoneTexts.SUGGESTIONS);
        List<Violation> violations = new ArrayList<>();
        String e164 = looseE164(phone);
        if (!phone.isBlank() && e164 == null) {
            violations.add(new Violation("phone", "timezones.error.phone", phone.strip()));
        }
        Optional<ZoneId> campaignDefault = ZoneTexts.parse(zone);
        if (!zone.isBlank() && campaignDefault.isEmpty()) {
            violations.add(new Violation("zone", "timezones.error.zone", zone.strip()));
        }
        model.addAttribute("violations", violations);
        if (e164 != null && violations.isEmpty()) {
            TimeZoneChain.Explanation explanation = timeZones.explain(e164, field, campaignDefault.orElse(null));
            model.addAttribute("e164", e164);
            model.addAttribute("explanation", explanation);
            List<StepView> steps = new ArrayList<>();
            boolean decided = false;
            for (TimeZoneChain.Step step : explanation.steps()) {
                boolean decides = !decided && step.zone() != null;
                decided |= decides;
                steps.add(new StepView(step.source().name(), step.messageKey(), step.arguments(),
                        step.zone() == null ? null : ZoneTexts.label(step.zone(), clock.instant()), decides));
            }
            model.addAttribute("steps", steps);
            if (explanation.result().zone() != null) {
                model.addAttribute("localTime", ZonedDateTime.now(clock.withZone(explanation.result().zone())));
            }
        }
        return "contacts/numbering/time-zones";
    }

    /** A step of the chain as the page shows it. */
    record StepView(String source, String messageKey, Object[] arguments, String zoneLabel, boolean decides) {
    }

    /**
     * A number as people type it, read loosely ({@code 8 (912) 345-67-89}, {@code +79123456789},
     * {@code 79123456789}): digits only, and a leading 8 of an eleven-digit number is Russia's trunk
     * prefix, so 7. Null when no digits are left. The real normalisation of contacts' phones is the
     * import's business; this is only for looking a number up.
     */
    static String looseE164(String text) {
        String digits = text == null ? "" : text.replaceAll("[^0-9]", "");
        if (digits.isEmpty() || digits.length() > 15) {
            return null;
        }
        if (digits.length() == 11 && digits.charAt(0) == '8') {
            digits = "7" + digits.substring(1);
        }
        return "+" + digits;
    }
}
