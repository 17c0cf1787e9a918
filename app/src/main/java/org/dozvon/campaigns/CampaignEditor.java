package org.dozvon.campaigns;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.dozvon.Violation;
import org.dozvon.channels.SecretBox;
import org.dozvon.contacts.ContactSelections;
import org.dozvon.contacts.FieldType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, editing and deleting campaigns: every rule a person's input must follow, checked the same
 * way for the form and the API, each broken rule reported against its field.
 */
@Service
class CampaignEditor {

    static final Pattern STRATEGY_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,254}");
    static final Pattern NUMBER_PREFIX = Pattern.compile("[0-9+*#]{1,16}");
    static final int MAX_INTERVALS = 10;
    static final int MAX_EXCEPTIONS = 1000;
    static final int MAX_LINKS = 20;
    static final int MAX_LINK_NAME = 100;
    static final int MAX_TOKEN = 4000;
    private static final Logger log = LoggerFactory.getLogger(CampaignEditor.class);

    private final CampaignStore store;
    private final ContactSelections selections;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final CompletionCodes codes;
    private final WorkingCalendars calendars;
    private final CallerIds callerIds;
    private final SkillCatalogue skills;
    private final Scripts scripts;
    private final SecretBox secrets;

    CampaignEditor(CampaignStore store, ContactSelections selections, ApplicationEventPublisher events, Clock clock,
                   CompletionCodes codes, WorkingCalendars calendars, CallerIds callerIds, SkillCatalogue skills,
                   Scripts scripts, SecretBox secrets) {
        this.scripts = scripts;
        this.secrets = secrets;
        this.store = store;
        this.selections = selections;
        this.events = events;
        this.clock = clock;
        this.codes = codes;
        this.calendars = calendars;
        this.callerIds = callerIds;
        this.skills = skills;
    }

    @Transactional
    Result create(CampaignSettings settings) {
        List<Violation> violations = check(null, null, settings);
        if (!violations.isEmpty()) {
            return Result.rejected(violations);
        }
        long id = store.insert(settings, clock.instant());
        log.info("Campaign '{}' ({}) created", settings.name(), id);
        return Result.saved(id);
    }

    /**
     * @param expectedRevision the revision the editor started from; null to overwrite whatever is there
     */
    @Transactional
    Result update(long id, CampaignSettings settings, Long expectedRevision) {
        CampaignView existing = store.lock(id).orElseThrow(() -> new CampaignNotFoundException(id));
        if (expectedRevision != null && expectedRevision != existing.revision()) {
            return Result.rejected(List.of(new Violation("revision", "campaigns.error.revision")));
        }
        List<Violation> violations = check(id, existing, settings);
        if (!violations.isEmpty()) {
            return Result.rejected(violations);
        }
        long revision = store.update(id, settings, clock.instant());
        events.publishEvent(new CampaignChanged(id, revision));
        log.info("Campaign '{}' ({}) changed, revision {}", settings.name(), id, revision);
        return Result.saved(id);
    }

    /** Deletes a campaign that is not running nor paused. */
    @Transactional
    void delete(long id) {
        CampaignView existing = store.lock(id).orElseThrow(() -> new CampaignNotFoundException(id));
        if (!existing.status().idle()) {
            throw new CampaignRefusedException(List.of(new Violation("status", "campaigns.error.cannot.delete", existing.name())));
        }
        store.delete(id);
        log.info("Campaign '{}' ({}) deleted", existing.name(), id);
    }

    List<Violation> check(Long id, CampaignView existing, CampaignSettings s) {
        List<Violation> violations = new ArrayList<>();
        String name = s.name() == null ? "" : s.name().strip();
        if (name.isEmpty()) {
            violations.add(new Violation("name", "campaigns.error.name"));
        } else if (name.length() > 200) {
            violations.add(new Violation("name", "campaigns.error.tooLong", 200));
        } else if (store.nameTaken(name, id)) {
            violations.add(new Violation("name", "campaigns.error.nameTaken", name));
        }
        if (s.description() != null && s.description().length() > 2000) {
            violations.add(new Violation("description", "campaigns.error.tooLong", 2000));
        }
        boolean active = existing != null && !existing.status().idle();
        if (s.strategyKey() != null && !STRATEGY_KEY.matcher(s.strategyKey()).matches()) {
            violations.add(new Violation("strategyKey", "campaigns.error.strategyKey"));
        }
        if (s.strategyVersion() != null && s.strategyVersion() < 1) {
            violations.add(new Violation("strategyVersion", "campaigns.error.positive"));
        }
        if (active && (!Objects.equals(existing.settings().strategyKey(), s.strategyKey())
                || !Objects.equals(existing.settings().strategyVersion(), s.strategyVersion()))) {
            violations.add(new Violation("strategyKey", "campaigns.error.strategyWhileActive"));
        }
        ZoneId zone = null;
        try {
            zone = s.timeZone() == null ? null : ZoneId.of(s.timeZone());
        } catch (DateTimeException e) {
            // reported below
        }
        if (zone == null) {
            violations.add(new Violation("timeZone", "campaigns.error.timeZone", Objects.toString(s.timeZone(), "")));
        }
        // a draft may be saved before its lists are chosen; a running one may not lose them all
        violations.addAll(selections.check(zone == null ? s.selection(ZoneId.of("UTC")) : s.selection()).stream()
                .filter(v -> active || !v.messageKey().equals("selection.error.noList")).toList());
        range(violations, "weight", s.weight(), Campaigns.MIN_WEIGHT, Campaigns.MAX_WEIGHT);
        range(violations, "callbackPeriodHours", s.callbackPeriodHours(), 1, 8760);
        range(violations, "maxAttemptsPerContact", s.maxAttemptsPerContact(), 1, 1000);
        range(violations, "maxAttemptsPerDay", s.maxAttemptsPerDay(), 1, 100);
        range(violations, "maxHoursSinceFirstAttempt", s.maxHoursSinceFirstAttempt(), 1, 87_600);
        range(violations, "maxHoursSinceCreation", s.maxHoursSinceCreation(), 1, 87_600);
        range(violations, "maxLines", s.maxLines(), 1, 10_000);
        if (s.callerIdGroupId() != null && callerIds.group(s.callerIdGroupId()).isEmpty()) {
            violations.add(new Violation("callerIdGroupId", "campaigns.error.callerIdGroup", String.valueOf(s.callerIdGroupId())));
        }
        checkDialing(s, violations);
        if (s.completionCodeGroupId() != null && codes.group(s.completionCodeGroupId()).isEmpty()) {
            violations.add(new Violation("completionCodeGroupId", "campaigns.error.noCodeGroup", String.valueOf(s.completionCodeGroupId())));
        }
        if (s.scriptId() != null && scripts.script(s.scriptId()).isEmpty()) {
            violations.add(new Violation("scriptId", "campaigns.error.noScript", String.valueOf(s.scriptId())));
        }
        if (s.calendarId() != null && calendars.calendar(s.calendarId()).isEmpty()) {
            violations.add(new Violation("calendarId", "campaigns.error.noCalendar", String.valueOf(s.calendarId())));
        }
        if (s.numberPrefix() != null && !NUMBER_PREFIX.matcher(s.numberPrefix()).matches()) {
            violations.add(new Violation("numberPrefix", "campaigns.error.numberPrefix"));
        }
        if (s.startsAt() != null && s.stopsAt() != null && !s.stopsAt().isAfter(s.startsAt())) {
            violations.add(new Violation("stopsAt", "campaigns.error.stopBeforeStart"));
        }
        Set<String> phoneFields = selections.fields().stream().filter(f -> f.type() == FieldType.PHONE)
                .map(ContactSelections.FieldChoice::code).collect(Collectors.toSet());
        for (Map.Entry<String, Integer> limit : s.maxAttemptsPerPhoneType().entrySet()) {
            if (!phoneFields.contains(limit.getKey())) {
                violations.add(new Violation("maxAttemptsPerPhoneType", "campaigns.error.phoneType", limit.getKey()));
            } else if (limit.getValue() == null || limit.getValue() < 1 || limit.getValue() > 1000) {
                violations.add(new Violation("maxAttemptsPerPhoneType", "campaigns.error.range", 1, 1000));
            }
        }
        s.callingHours().forEach((type, intervals) -> {
            if (intervals.size() > MAX_INTERVALS) {
                violations.add(new Violation("callingHours." + type.name(), "campaigns.error.tooManyIntervals", MAX_INTERVALS));
            }
        });
        if (s.exceptions().size() > MAX_EXCEPTIONS) {
            violations.add(new Violation("exceptions", "campaigns.error.tooManyExceptions", MAX_EXCEPTIONS));
        }
        if (s.exceptions().values().stream().anyMatch(intervals -> intervals.size() > MAX_INTERVALS)) {
            violations.add(new Violation("exceptions", "campaigns.error.tooManyIntervals", MAX_INTERVALS));
        }
        checkIntegrations(s.integrations(), violations);
        return violations;
    }

    /**
     * The token the campaign's client-data service keeps, sealed: a typed one replaces the stored one, "remove" drops
     * it, nothing typed keeps what the campaign has (a token is never shown, so a form or a PUT cannot send it back).
     *
     * @param existing the campaign as stored; null for a new one
     * @param typed    the token as typed (blank: none typed)
     * @param remove   drop the stored token
     */
    String clientDataToken(CampaignView existing, String typed, boolean remove) {
        if (typed != null && !typed.isBlank()) {
            return secrets.seal(typed.strip());
        }
        if (remove || existing == null || existing.settings().integrations().clientData() == null) {
            return null;
        }
        return existing.settings().integrations().clientData().sealedToken();
    }

    /** A typed client-data token that cannot be stored (too long). */
    List<Violation> checkToken(String typed) {
        return typed != null && typed.strip().length() > MAX_TOKEN
                ? List.of(new Violation("clientDataToken", "campaigns.error.tooLong", MAX_TOKEN)) : List.of();
    }

    private void checkIntegrations(CampaignIntegrations integrations, List<Violation> violations) {
        Set<String> fieldCodes = null;
        List<IntegrationLink> links = integrations.links();
        if (links.size() > MAX_LINKS) {
            violations.add(new Violation("links", "campaigns.error.tooManyLinks", MAX_LINKS));
        }
        for (int i = 0; i < links.size(); i++) {
            IntegrationLink link = links.get(i);
            String name = link.name() == null ? "" : link.name().strip();
            String label = name.isEmpty() ? "#" + (i + 1) : name;
            if (name.isEmpty()) {
                violations.add(new Violation("links", "campaigns.error.linkName", i + 1));
            } else if (name.length() > MAX_LINK_NAME) {
                violations.add(new Violation("links", "campaigns.error.linkNameTooLong", label, MAX_LINK_NAME));
            }
            fieldCodes = fieldCodes == null ? fieldCodes() : fieldCodes;
            UrlTemplates.check("links", "campaigns.error.link", label, link.urlTemplate(), fieldCodes).ifPresent(violations::add);
        }
        if (links.stream().filter(IntegrationLink::openByDefault).count() > 1) {
            violations.add(new Violation("links", "campaigns.error.linkDefaults"));
        }
        ClientDataService service = integrations.clientData();
        if (service != null) {
            fieldCodes = fieldCodes == null ? fieldCodes() : fieldCodes;
            UrlTemplates.check("clientDataUrl", "campaigns.error.clientDataUrl", "", service.urlTemplate(), fieldCodes)
                    .ifPresent(violations::add);
            if (service.timeoutSeconds() < 1 || service.timeoutSeconds() > ClientDataService.MAX_TIMEOUT_SECONDS) {
                violations.add(new Violation("clientDataTimeout", "campaigns.error.range", 1,
                        ClientDataService.MAX_TIMEOUT_SECONDS));
            }
        }
    }

    private Set<String> fieldCodes() {
        return selections.fields().stream().map(ContactSelections.FieldChoice::code).collect(Collectors.toSet());
    }

    private void checkDialing(CampaignSettings s, List<Violation> violations) {
        CampaignDialing d = s.dialing();
        if (d.linesPerOperator() < 1 || d.linesPerOperator() > 5) {
            violations.add(new Violation("linesPerOperator", "campaigns.error.linesPerOperator", d.linesPerOperator()));
        }
        if (!(d.abandonTarget() > 0 && d.abandonTarget() <= 10)) {
            violations.add(new Violation("abandonTarget", "campaigns.error.abandonTarget", d.abandonTarget()));
        }
        range(violations, "previewSeconds", d.previewSeconds(), 0, 600);
        range(violations, "minSkillLevel", d.minSkillLevel(), 1, 100);
        range(violations, "minOperators", d.minOperators(), 0, 10_000);
        range(violations, "maxOperators", d.maxOperators(), 1, 10_000);
        range(violations, "wrapUpSeconds", d.wrapUpSeconds(), 0, 3600);
        if (d.minOperators() != null && d.maxOperators() != null && d.minOperators() > d.maxOperators()) {
            violations.add(new Violation("maxOperators", "campaigns.error.operatorsRange", d.minOperators(), d.maxOperators()));
        }
        if (d.defaultCode() != null && (s.completionCodeGroupId() == null || codes.group(s.completionCodeGroupId())
                .map(group -> group.offered().stream().noneMatch(code -> code.code().equals(d.defaultCode())))
                .orElse(true))) {
            violations.add(new Violation("defaultCode", "campaigns.error.defaultCode", d.defaultCode()));
        }
        if (d.skillId() != null && skills.skill(d.skillId()).isEmpty()) {
            violations.add(new Violation("skillId", "campaigns.error.skill", String.valueOf(d.skillId())));
        }
    }

    private static void range(List<Violation> violations, String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            violations.add(new Violation(field, "campaigns.error.range", min, max));
        }
    }

    record Result(List<Violation> violations, Long id) {
        static Result rejected(List<Violation> violations) {
            return new Result(violations, null);
        }

        static Result saved(long id) {
            return new Result(List.of(), id);
        }

        boolean ok() {
            return violations.isEmpty();
        }
    }
}
