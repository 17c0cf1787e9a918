package org.dozvon.campaigns;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.dozvon.Violation;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.ApiCursor;
import org.dozvon.ApiPage;
import org.dozvon.web.Problems;
import org.dozvon.contacts.ContactFilter;
import org.dozvon.contacts.ContactSelection;
import org.dozvon.contacts.ContactSelections;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/campaigns}: campaigns for CRMs and scripts. A campaign is one JSON object with the
 * form's fields; PUT replaces every setting (an absent one takes its default, as on creation). Refused
 * input answers 422 and a refused lifecycle step 409, both as RFC 7807 problems whose {@code errors} name
 * the fields.
 */
@RestController
@RequestMapping("/api/v1/campaigns")
class CampaignsApi {

    private final Campaigns campaigns;
    private final CampaignStore store;
    private final CampaignEditor editor;
    private final ContactSelections selections;
    private final Problems problems;

    CampaignsApi(Campaigns campaigns, CampaignStore store, CampaignEditor editor, ContactSelections selections,
                 Problems problems) {
        this.campaigns = campaigns;
        this.store = store;
        this.editor = editor;
        this.selections = selections;
        this.problems = problems;
    }

    /**
     * Campaigns in id order ({@link ApiPage}).
     *
     * @param status only campaigns in this status
     * @param q      only campaigns whose name contains this (any case)
     */
    @GetMapping
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    ApiPage<CampaignDto> list(@RequestParam(required = false) CampaignStatus status,
                              @RequestParam(defaultValue = "") String q,
                              @RequestParam(required = false) String cursor,
                              @RequestParam(required = false) Integer limit) {
        int size = ApiPage.limit(limit);
        return ApiPage.of(store.page(status, q, ApiCursor.decodeId(cursor), size + 1), size, CampaignDto::of,
                campaign -> new Object[] {campaign.id()});
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    CampaignDto get(@PathVariable long id) {
        return CampaignDto.of(require(id));
    }

    @PostMapping
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> create(@RequestBody CampaignDto body) {
        List<Violation> violations = new ArrayList<>();
        CampaignSettings settings = withToken(null, body, body.settings(violations), violations);
        if (!violations.isEmpty()) {
            violations.addAll(editor.check(null, null, settings));
            return problems.withErrors(HttpStatus.UNPROCESSABLE_ENTITY, violations);
        }
        CampaignEditor.Result result = editor.create(settings);
        if (!result.ok()) {
            return problems.withErrors(HttpStatus.UNPROCESSABLE_ENTITY, result.violations());
        }
        return ResponseEntity.created(URI.create("/api/v1/campaigns/" + result.id())).body(get(result.id()));
    }

    /** Replaces the settings; with {@code revision} in the body, only if nobody changed the campaign since. */
    @PutMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> update(@PathVariable long id, @RequestBody CampaignDto body) {
        CampaignView existing = require(id);
        List<Violation> violations = new ArrayList<>();
        CampaignSettings settings = withToken(existing, body, body.settings(violations), violations);
        if (!violations.isEmpty()) {
            violations.addAll(editor.check(id, existing, settings));
            return problems.withErrors(HttpStatus.UNPROCESSABLE_ENTITY, violations);
        }
        CampaignEditor.Result result = editor.update(id, settings, body.revision());
        if (!result.ok()) {
            boolean conflict = result.violations().stream().anyMatch(v -> v.field().equals("revision"));
            return problems.withErrors(conflict ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY, result.violations());
        }
        return ResponseEntity.ok(get(id));
    }

    @DeleteMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> delete(@PathVariable long id) {
        try {
            editor.delete(id);
        } catch (CampaignRefusedException e) {
            return problems.withErrors(HttpStatus.CONFLICT, e.violations());
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/{action:start|pause|resume|stop}")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> lifecycle(@PathVariable long id, @PathVariable String action) {
        try {
            CampaignView campaign = switch (action) {
                case "start" -> campaigns.start(id);
                case "pause" -> campaigns.pause(id);
                case "resume" -> campaigns.resume(id);
                default -> campaigns.stop(id);
            };
            return ResponseEntity.ok(CampaignDto.of(campaign));
        } catch (CampaignRefusedException e) {
            return problems.withErrors(HttpStatus.CONFLICT, e.violations());
        }
    }

    /** How many contacts the campaign's selection takes now. */
    @GetMapping("/{id}/eligible-count")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    ResponseEntity<?> eligibleCount(@PathVariable long id) {
        CampaignView campaign = require(id);
        List<Violation> violations = selections.check(campaign.selection());
        if (!violations.isEmpty()) {
            return problems.withErrors(HttpStatus.UNPROCESSABLE_ENTITY, violations);
        }
        return ResponseEntity.ok(Map.of("campaignId", id, "count", selections.count(campaign.selection())));
    }

    /**
     * The settings with the client-data service's token sealed: a token in the body replaces the stored one, an
     * empty one removes it, none keeps it (GET never answers it, so a client that PUTs back what it read keeps it).
     */
    private CampaignSettings withToken(CampaignView existing, CampaignDto body, CampaignSettings settings,
                                       List<Violation> violations) {
        String typed = body.integrations() == null || body.integrations().clientData() == null ? null
                : body.integrations().clientData().token();
        List<Violation> refused = editor.checkToken(typed);
        if (!refused.isEmpty()) {
            violations.addAll(refused);
            return settings;
        }
        return settings.withIntegrations(settings.integrations()
                .withSealedToken(editor.clientDataToken(existing, typed, typed != null && typed.isBlank())));
    }

    private CampaignView require(long id) {
        return campaigns.find(id).orElseThrow(() -> new CampaignNotFoundException(id));
    }

    /** An interval as {@code {"from": "09:00", "to": "21:00"}}. */
    record IntervalDto(String from, String to) {
        static IntervalDto of(CallingInterval interval) {
            return new IntervalDto(interval.from().toString(), interval.to().toString());
        }
    }

    /** A date whose hours replace its day type's; no hours: no calls that day. */
    /** A campaign's dialing settings; absent fields take {@link CampaignDialing#DEFAULT}'s values. */
    record DialingDto(DialingMode mode, Double linesPerOperator, Double abandonTarget, Integer previewSeconds,
                      Boolean detectMachine, Long skillId, Integer minSkillLevel, Integer minOperators,
                      Integer maxOperators, Integer wrapUpSeconds, String defaultCode) {

        static DialingDto of(CampaignDialing d) {
            return new DialingDto(d.mode(), d.linesPerOperator(), d.abandonTarget(), d.previewSeconds(), d.detectMachine(),
                    d.skillId(), d.minSkillLevel(), d.minOperators(), d.maxOperators(), d.wrapUpSeconds(), d.defaultCode());
        }

        CampaignDialing dialing() {
            CampaignDialing d = CampaignDialing.DEFAULT;
            return new CampaignDialing(mode == null ? d.mode() : mode,
                    linesPerOperator == null ? d.linesPerOperator() : linesPerOperator,
                    abandonTarget == null ? d.abandonTarget() : abandonTarget,
                    previewSeconds == null ? d.previewSeconds() : previewSeconds, detectMachine, skillId,
                    minSkillLevel == null ? d.minSkillLevel() : minSkillLevel, minOperators, maxOperators,
                    wrapUpSeconds == null ? d.wrapUpSeconds() : wrapUpSeconds,
                    defaultCode == null || defaultCode.isBlank() ? null : defaultCode.strip().toUpperCase(java.util.Locale.ROOT));
        }
    }

    record ExceptionDto(LocalDate date, List<IntervalDto> hours) {
    }

    /** A link of the workplace: {@code {"name": "CRM", "url": "https://crm/{client_id}", "openByDefault": true}}. */
    record LinkDto(String name, String url, Boolean openByDefault) {
    }

    /**
     * The client-data service. {@code token} is only ever sent (absent: keep the stored one; "": remove it);
     * answers say {@code tokenSet} instead.
     */
    record ClientDataDto(String url, ClientDataService.Method method, Integer timeoutSeconds,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String token, Boolean tokenSet) {
    }

    /** Links and the client-data service; absent: none. */
    record IntegrationsDto(List<LinkDto> links, ClientDataDto clientData) {

        static IntegrationsDto of(CampaignIntegrations integrations) {
            ClientDataService service = integrations.clientData();
            return new IntegrationsDto(integrations.links().stream()
                    .map(link -> new LinkDto(link.name(), link.urlTemplate(), link.openByDefault())).toList(),
                    service == null ? null : new ClientDataDto(service.urlTemplate(), service.method(),
                            service.timeoutSeconds(), null, service.hasToken()));
        }

        CampaignIntegrations integrations() {
            List<IntegrationLink> given = new ArrayList<>();
            for (LinkDto link : links == null ? List.<LinkDto>of() : links) {
                if (link != null) {
                    given.add(new IntegrationLink(link.name() == null ? "" : link.name().strip(),
                            link.url() == null ? "" : link.url().strip(), Boolean.TRUE.equals(link.openByDefault())));
                }
            }
            ClientDataService service = clientData == null ? null : new ClientDataService(
                    clientData.url() == null ? "" : clientData.url().strip(), clientData.method(),
                    clientData.timeoutSeconds() == null ? ClientDataService.DEFAULT_TIMEOUT_SECONDS : clientData.timeoutSeconds(),
                    null);
            return new CampaignIntegrations(given, service);
        }
    }

    record CampaignDto(Long id, String name, String description, CampaignStatus status, Long revision,
                       String strategyKey, Integer strategyVersion, List<Long> lists, ContactSelection.ListOrder listOrder,
                       ContactFilter filter, Integer percent, String orderField, Boolean orderDescending, List<Long> dncLists,
                       Long completionCodeGroupId, Long calendarId, Boolean endless, Integer weight,
                       Instant startsAt, Instant stopsAt, TimeZoneMode timeZoneMode, String timeZone,
                       Map<DayType, List<IntervalDto>> callingHours, List<ExceptionDto> exceptions,
                       Integer callbackPeriodHours, String numberPrefix, Integer maxAttemptsPerContact,
                       Map<String, Integer> maxAttemptsPerPhoneType, Integer maxAttemptsPerDay,
                       Integer maxHoursSinceFirstAttempt, Integer maxHoursSinceCreation,
                       Integer maxLines, Long callerIdGroupId, DialingDto dialing, Long scriptId,
                       IntegrationsDto integrations, Instant createdAt, Instant updatedAt, Instant statusChangedAt) {

        static CampaignDto of(CampaignView view) {
            CampaignSettings s = view.settings();
            Map<DayType, List<IntervalDto>> hours = new EnumMap<>(DayType.class);
            s.callingHours().forEach((type, intervals) -> hours.put(type, intervals.stream().map(IntervalDto::of).toList()));
            List<ExceptionDto> exceptions = new ArrayList<>();
            s.exceptions().forEach((date, intervals) -> exceptions.add(
                    new ExceptionDto(date, intervals.stream().map(IntervalDto::of).toList())));
            return new CampaignDto(view.id(), s.name(), s.description(), view.status(), view.revision(), s.strategyKey(),
                    s.strategyVersion(), s.listIds(), s.listOrder(), s.filter(), s.percent(), s.ordering().fieldCode(),
                    s.ordering().descending(), s.dncListIds(), s.completionCodeGroupId(), s.calendarId(), s.endless(),
                    s.weight(), s.startsAt(), s.stopsAt(), s.timeZoneMode(), s.timeZone(), hours, exceptions,
                    s.callbackPeriodHours(), s.numberPrefix(), s.maxAttemptsPerContact(), s.maxAttemptsPerPhoneType(),
                    s.maxAttemptsPerDay(), s.maxHoursSinceFirstAttempt(), s.maxHoursSinceCreation(), s.maxLines(),
                    s.callerIdGroupId(), DialingDto.of(s.dialing()), s.scriptId(), IntegrationsDto.of(s.integrations()),
                    view.createdAt(),
                    view.updatedAt(), view.statusChangedAt());
        }

        /** The settings this body describes; what cannot be read is added to {@code violations}. */
        CampaignSettings settings(List<Violation> violations) {
            CampaignSettings defaults = CampaignSettings.blank();
            Map<DayType, List<CallingInterval>> hours = new EnumMap<>(DayType.class);
            if (callingHours == null) {
                hours.putAll(defaults.callingHours());
            } else {
                callingHours.forEach((type, intervals) -> hours.put(type, intervals(intervals, "callingHours." + type, violations)));
            }
            Map<LocalDate, List<CallingInterval>> dates = new TreeMap<>();
            if (exceptions != null) {
                for (ExceptionDto exception : exceptions) {
                    if (exception == null || exception.date() == null) {
                        violations.add(new Violation("exceptions", "campaigns.error.exceptionDate", ""));
                    } else if (dates.containsKey(exception.date())) {
                        violations.add(new Violation("exceptions", "campaigns.error.exceptionTwice", exception.date()));
                    } else {
                        dates.put(exception.date(), intervals(exception.hours(), "exceptions", violations));
                    }
                }
            }
            return new CampaignSettings(name == null ? "" : name.strip(), blankToNull(description), blankToNull(strategyKey),
                    strategyVersion, lists, listOrder, filter, percent == null ? 100 : percent,
                    new ContactSelection.Ordering(blankToNull(orderField), Boolean.TRUE.equals(orderDescending)), dncLists,
                    completionCodeGroupId, calendarId, Boolean.TRUE.equals(endless), weight == null ? 1 : weight,
                    startsAt, stopsAt, timeZoneMode, timeZone == null ? CampaignSettings.DEFAULT_ZONE : timeZone.strip(),
                    hours, dates, callbackPeriodHours, blankToNull(numberPrefix), maxAttemptsPerContact,
                    maxAttemptsPerPhoneType, maxAttemptsPerDay, maxHoursSinceFirstAttempt, maxHoursSinceCreation, maxLines,
                    callerIdGroupId, dialing == null ? CampaignDialing.DEFAULT : dialing.dialing(), scriptId,
                    integrations == null ? CampaignIntegrations.NONE : integrations.integrations());
        }

        private static List<CallingInterval> intervals(List<IntervalDto> given, String field, List<Violation> violations) {
            List<CallingInterval> intervals = new ArrayList<>();
            for (IntervalDto interval : given == null ? List.<IntervalDto>of() : given) {
                String text = interval == null ? "" : interval.from() + "-" + interval.to();
                try {
                    intervals.add(new CallingInterval(LocalTime.parse(interval.from()), LocalTime.parse(interval.to())));
                } catch (DateTimeParseException | IllegalArgumentException | NullPointerException e) {
                    violations.add(new Violation(field, "campaigns.error.hours", text));
                }
            }
            return intervals;
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }
}
