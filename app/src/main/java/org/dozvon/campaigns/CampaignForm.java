package org.dozvon.campaigns;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.dozvon.Violation;
import org.dozvon.contacts.ContactSelection;

/**
 * The campaign form's fields and the settings they stand for, both ways. Reading never fails: what
 * cannot be read becomes a {@link Violation} against its field, and the rest is read as far as it goes,
 * so the editor's own checks can add theirs.
 */
final class CampaignForm {

    static final String PHONE_LIMIT = "maxAttemptsPerPhoneType.";
    static final String HOURS = "callingHours.";
    static final String LINK_NAME = "linkName";
    static final String LINK_URL = "linkUrl";
    static final String LINK_DEFAULT = "linkDefault";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private CampaignForm() {
    }

    record Parsed(CampaignSettings settings, List<Violation> violations, Long revision) {
    }

    static FormValues of(CampaignSettings s, Long revision) {
        FormValues form = new FormValues();
        form.set("name", s.name()).set("description", s.description()).set("strategyKey", s.strategyKey())
                .set("strategyVersion", s.strategyVersion()).set("listOrder", s.listOrder().name())
                .set("percent", s.percent()).set("orderField", s.ordering().fieldCode())
                .set("orderDirection", s.ordering().descending() ? "DESC" : "ASC")
                .set("completionCodeGroupId", s.completionCodeGroupId()).set("calendarId", s.calendarId())
                .set("kind", s.endless() ? "ENDLESS" : "FINITE").set("weight", s.weight())
                .set("timeZoneMode", s.timeZoneMode().name()).set("timeZone", s.timeZone())
                .set("startsAt", local(s.startsAt(), s.timeZone())).set("stopsAt", local(s.stopsAt(), s.timeZone()))
                .set("callbackPeriodHours", s.callbackPeriodHours()).set("numberPrefix", s.numberPrefix())
                .set("maxAttemptsPerContact", s.maxAttemptsPerContact()).set("maxAttemptsPerDay", s.maxAttemptsPerDay())
                .set("maxHoursSinceFirstAttempt", s.maxHoursSinceFirstAttempt())
                .set("maxHoursSinceCreation", s.maxHoursSinceCreation()).set("maxLines", s.maxLines())
                .set("callerIdGroupId", s.callerIdGroupId()).set("scriptId", s.scriptId()).set("revision", revision);
        CampaignDialing d = s.dialing();
        form.set("dialingMode", d.mode().name()).set("linesPerOperator", decimal(d.linesPerOperator()))
                .set("abandonTarget", decimal(d.abandonTarget())).set("previewSeconds", d.previewSeconds())
                .set("detectMachine", d.detectMachine() == null ? "DEFAULT" : d.detectMachine() ? "ON" : "OFF")
                .set("skillId", d.skillId()).set("minSkillLevel", d.minSkillLevel())
                .set("minOperators", d.minOperators()).set("maxOperators", d.maxOperators())
                .set("wrapUpSeconds", d.wrapUpSeconds()).set("defaultCode", d.defaultCode());
        for (int i = 0; i < s.listIds().size(); i++) {
            form.add("lists", s.listIds().get(i)).set("listPosition_" + s.listIds().get(i), i + 1);
        }
        s.dncListIds().forEach(id -> form.add("dncLists", id));
        s.callingHours().forEach((type, intervals) -> form.set(HOURS + type.name(), CallingInterval.format(intervals)));
        s.exceptions().forEach((date, intervals) -> form.add("exceptionDate", date).add("exceptionHours", CallingInterval.format(intervals)));
        s.maxAttemptsPerPhoneType().forEach((code, max) -> form.set(PHONE_LIMIT + code, max));
        FilterForm.write(FilterForm.fromFilter(s.filter()), form);
        s.integrations().links().forEach(link -> form.add(LINK_NAME, link.name()).add(LINK_URL, link.urlTemplate())
                .add(LINK_DEFAULT, link.openByDefault()));
        ClientDataService service = s.integrations().clientData();
        if (service != null) {
            form.set("clientDataUrl", service.urlTemplate()).set("clientDataMethod", service.method().name())
                    .set("clientDataTimeout", service.timeoutSeconds());
        }
        return form;
    }

    static Parsed parse(FormValues form) {
        List<Violation> violations = new ArrayList<>();
        Reader read = new Reader(form, violations);
        String zoneText = text(form.value("timeZone"));
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneText == null ? "" : zoneText);
        } catch (DateTimeException e) {
            zone = ZoneId.of(CampaignSettings.DEFAULT_ZONE); // the editor reports the zone itself
        }
        List<Long> lists = new ArrayList<>();
        for (String value : form.values("lists")) {
            Long id = read.id("lists", value);
            if (id != null && !lists.contains(id)) {
                lists.add(id);
            }
        }
        lists.sort(Comparator.comparingInt(id -> position(form.value("listPosition_" + id))));
        List<Long> dncLists = new ArrayList<>();
        form.values("dncLists").forEach(value -> {
            Long id = read.id("dncLists", value);
            if (id != null && !dncLists.contains(id)) {
                dncLists.add(id);
            }
        });
        Map<DayType, List<CallingInterval>> hours = new EnumMap<>(DayType.class);
        for (DayType type : DayType.values()) {
            hours.put(type, read.intervals(HOURS + type.name(), form.value(HOURS + type.name())));
        }
        Map<LocalDate, List<CallingInterval>> exceptions = new TreeMap<>();
        List<String> dates = form.values("exceptionDate");
        List<String> exceptionHours = form.values("exceptionHours");
        for (int i = 0; i < dates.size(); i++) {
            String date = dates.get(i).strip();
            String when = i < exceptionHours.size() ? exceptionHours.get(i) : "";
            if (date.isEmpty() && when.isBlank()) {
                continue;
            }
            LocalDate day;
            try {
                day = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                violations.add(new Violation("exceptions", "campaigns.error.exceptionDate", date));
                continue;
            }
            if (exceptions.containsKey(day)) {
                violations.add(new Violation("exceptions", "campaigns.error.exceptionTwice", day));
                continue;
            }
            exceptions.put(day, read.intervals("exceptions", when));
        }
        Map<String, Integer> phoneLimits = new LinkedHashMap<>();
        form.all().keySet().stream().filter(name -> name.startsWith(PHONE_LIMIT)).sorted().forEach(name -> {
            Integer max = read.integer(PHONE_LIMIT.substring(0, PHONE_LIMIT.length() - 1), form.value(name));
            if (max != null) {
                phoneLimits.put(name.substring(PHONE_LIMIT.length()), max);
            }
        });
        Integer percent = read.integer("percent", form.value("percent"));
        Integer weight = read.integer("weight", form.value("weight"));
        CampaignSettings settings = new CampaignSettings(
                form.value("name").strip(), text(form.value("description")),
                text(form.value("strategyKey")), read.integer("strategyVersion", form.value("strategyVersion")),
                lists, "ANY_ORDER".equals(form.value("listOrder")) ? ContactSelection.ListOrder.ANY_ORDER : ContactSelection.ListOrder.IN_ORDER,
                FilterForm.toFilter(FilterForm.read(form)), percent == null ? 100 : percent,
                new ContactSelection.Ordering(text(form.value("orderField")), "DESC".equals(form.value("orderDirection"))),
                dncLists,
                read.id("completionCodeGroupId", form.value("completionCodeGroupId")),
                read.id("calendarId", form.value("calendarId")),
                "ENDLESS".equals(form.value("kind")), weight == null ? 1 : weight,
                read.instant("startsAt", form.value("startsAt"), zone), read.instant("stopsAt", form.value("stopsAt"), zone),
                "CAMPAIGN".equals(form.value("timeZoneMode")) ? TimeZoneMode.CAMPAIGN : TimeZoneMode.CONTACT, zoneText,
                hours, exceptions,
                read.integer("callbackPeriodHours", form.value("callbackPeriodHours")), text(form.value("numberPrefix")),
                read.integer("maxAttemptsPerContact", form.value("maxAttemptsPerContact")), phoneLimits,
                read.integer("maxAttemptsPerDay", form.value("maxAttemptsPerDay")),
                read.integer("maxHoursSinceFirstAttempt", form.value("maxHoursSinceFirstAttempt")),
                read.integer("maxHoursSinceCreation", form.value("maxHoursSinceCreation")),
                read.integer("maxLines", form.value("maxLines")),
                read.id("callerIdGroupId", form.value("callerIdGroupId")), dialing(form, read),
                read.id("scriptId", form.value("scriptId")), integrations(form, read));
        Long revision = read.id("revision", form.value("revision"));
        return new Parsed(settings, violations, revision);
    }

    private static CampaignDialing dialing(FormValues form, Reader read) {
        CampaignDialing d = CampaignDialing.DEFAULT;
        DialingMode mode = d.mode();
        String modeText = text(form.value("dialingMode"));
        if (modeText != null) {
            try {
                mode = DialingMode.valueOf(modeText);
            } catch (IllegalArgumentException e) {
                read.violations().add(new Violation("dialingMode", "campaigns.error.dialingMode", modeText));
            }
        }
        Double lines = read.decimal("linesPerOperator", form.value("linesPerOperator"));
        Double abandon = read.decimal("abandonTarget", form.value("abandonTarget"));
        Integer preview = read.integer("previewSeconds", form.value("previewSeconds"));
        Integer level = read.integer("minSkillLevel", form.value("minSkillLevel"));
        Integer wrapUp = read.integer("wrapUpSeconds", form.value("wrapUpSeconds"));
        String amd = form.value("detectMachine");
        return new CampaignDialing(mode, lines == null ? d.linesPerOperator() : lines,
                abandon == null ? d.abandonTarget() : abandon, preview == null ? d.previewSeconds() : preview,
                "ON".equals(amd) ? Boolean.TRUE : "OFF".equals(amd) ? Boolean.FALSE : null,
                read.id("skillId", form.value("skillId")), level == null ? d.minSkillLevel() : level,
                read.integer("minOperators", form.value("minOperators")),
                read.integer("maxOperators", form.value("maxOperators")), wrapUp == null ? d.wrapUpSeconds() : wrapUp,
                text(form.value("defaultCode")));
    }

    /**
     * The links (rows of name, template, "open by default"; a row left empty is no link) and the client-data service
     * (none without a URL). The service's token is not a form value of the settings: the controller seals it.
     */
    private static CampaignIntegrations integrations(FormValues form, Reader read) {
        List<String> names = form.values(LINK_NAME);
        List<String> urls = form.values(LINK_URL);
        List<String> defaults = form.values(LINK_DEFAULT);
        List<IntegrationLink> links = new ArrayList<>();
        for (int i = 0; i < Math.max(names.size(), urls.size()); i++) {
            String name = i < names.size() ? names.get(i).strip() : "";
            String url = i < urls.size() ? urls.get(i).strip() : "";
            if (!name.isEmpty() || !url.isEmpty()) {
                links.add(new IntegrationLink(name, url, i < defaults.size() && "true".equals(defaults.get(i))));
            }
        }
        ClientDataService service = null;
        String url = text(form.value("clientDataUrl"));
        if (url != null) {
            ClientDataService.Method method = ClientDataService.Method.GET;
            String methodText = text(form.value("clientDataMethod"));
            if (methodText != null) {
                try {
                    method = ClientDataService.Method.valueOf(methodText);
                } catch (IllegalArgumentException e) {
                    read.violations().add(new Violation("clientDataMethod", "campaigns.error.clientDataMethod", methodText));
                }
            }
            Integer timeout = read.integer("clientDataTimeout", form.value("clientDataTimeout"));
            service = new ClientDataService(url, method, timeout == null ? ClientDataService.DEFAULT_TIMEOUT_SECONDS : timeout, null);
        }
        return new CampaignIntegrations(links, service);
    }

    /** A decimal as a person writes it: no trailing zeros ("1.5", "3"). */
    private static String decimal(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String local(Instant instant, String zone) {
        if (instant == null) {
            return null;
        }
        try {
            return LOCAL.format(LocalDateTime.ofInstant(instant, ZoneId.of(zone)));
        } catch (DateTimeException e) {
            return LOCAL.format(LocalDateTime.ofInstant(instant, ZoneId.of("UTC")));
        }
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static int position(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 1000;
        }
    }

    private record Reader(FormValues form, List<Violation> violations) {

        Integer integer(String field, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Integer.valueOf(value.strip());
            } catch (NumberFormatException e) {
                violations.add(new Violation(field, "campaigns.error.number", value.strip()));
                return null;
            }
        }

        Double decimal(String field, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                double number = Double.parseDouble(value.strip().replace(',', '.'));
                if (Double.isFinite(number)) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            violations.add(new Violation(field, "campaigns.error.decimal", value.strip()));
            return null;
        }

        Long id(String field, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Long.valueOf(value.strip());
            } catch (NumberFormatException e) {
                violations.add(new Violation(field, "campaigns.error.number", value.strip()));
                return null;
            }
        }

        Instant instant(String field, String value, ZoneId zone) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                violations.add(new Violation(field, "campaigns.error.dateTime", value.strip()));
                return null;
            }
        }

        List<CallingInterval> intervals(String field, String value) {
            try {
                return CallingInterval.parseAll(value);
            } catch (IllegalArgumentException e) {
                violations.add(new Violation(field, "campaigns.error.hours", e.getMessage()));
                return List.of();
            }
        }
    }
}
