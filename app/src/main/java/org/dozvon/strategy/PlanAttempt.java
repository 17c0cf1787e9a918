package org.dozvon.strategy;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dozvon.campaigns.CallingHours;
import org.dozvon.campaigns.CampaignSettings;
import org.dozvon.campaigns.CampaignStatus;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.DayType;
import org.dozvon.campaigns.TimeZoneMode;
import org.dozvon.contacts.ContactCards;
import org.dozvon.dialing.AttemptCounts;
import org.dozvon.dialing.DialQueue;

import org.springframework.stereotype.Component;

import static org.dozvon.strategy.ContactVariables.*;

/**
 * {@code ${planAttempt}}: decides what happens to a contact next, reading the campaign afresh (so edits
 * count from the next step on): finish (a limit, the stop date, no callable phone), wait for the next
 * calling window (after a hold's end; a contact held until released looks again daily), or dial now. Blocked
 * numbers are not callable. Sets {@code plan} = DIAL / WAIT / FINISH and what the next steps need.
 */
@Component("planAttempt")
class PlanAttempt implements JavaDelegate {

    /** A paused campaign's contacts look again this late, unless its resumption wakes them first. */
    static final Duration PAUSED_RECHECK = Duration.ofDays(1);
    /** A contact held until released looks again this late, unless its release wakes it first. */
    static final Duration HOLD_RECHECK = Duration.ofDays(1);

    private final StepReads reads;
    private final ContactCards cards;
    private final DialQueue queue;
    private final CampaignContacts progress;
    private final StrategyClock clock;
    private final StrategyTimeline timeline;
    private final ContactRestrictions restrictions;

    PlanAttempt(StepReads reads, ContactCards cards, DialQueue queue, CampaignContacts progress, StrategyClock clock,
                StrategyTimeline timeline, ContactRestrictions restrictions) {
        this.reads = reads;
        this.restrictions = restrictions;
        this.timeline = timeline;
        this.cards = cards;
        this.queue = queue;
        this.progress = progress;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long campaignId = campaignId(execution);
        long contactId = contactId(execution);
        Instant now = clock.now();
        Plan plan = plan(execution, campaignId, contactId, now);
        pass(execution, PLAN, plan.kind());
        keep(execution, FINAL_STATUS, plan.finalStatus() == null ? null : plan.finalStatus().name());
        if (plan.phone() != null) {
            keep(execution, PHONE, plan.phone().number());
            keep(execution, PHONE_TYPE, plan.phone().type());
        }
        pass(execution, TIME_ZONE, plan.zone() == null ? null : plan.zone().getId());
        pass(execution, DIAL_AT, date(plan.dialAt()));
        pass(execution, WINDOW_END, date(plan.windowEnd()));
        if (plan.dialAt() != null && plan.zone() != null) {
            LocalDate day = LocalDate.ofInstant(plan.dialAt(), plan.zone());
            keep(execution, LOCAL_DAY, day.toString());
            keep(execution, DAY_TYPE, plan.dayTypes().apply(day).name());
        }
        if (!plan.kind().equals("FINISH")) {
            progress.state(campaignId, contactId, CampaignContacts.State.WAITING, plan.dialAt());
        }
        switch (plan.kind()) {
            case "WAIT" -> timeline.note("WAIT", StrategyTimeline.part("wait", StrategyTimeline.local(plan.dialAt(), plan.zone()),
                    plan.phone().number(), plan.phone().type()));
            case "FINISH" -> timeline.note("PLAN", StrategyTimeline.part("planFinish", StrategyTimeline.status(String.valueOf(plan.finalStatus()))));
            default -> { }
        }
    }

    private Plan plan(DelegateExecution execution, long campaignId, long contactId, Instant now) {
        Optional<CampaignView> found = reads.campaign(campaignId);
        if (found.isEmpty()) {
            return Plan.finish(FinalStatus.CAMPAIGN_STOPPED);
        }
        CampaignView campaign = found.get();
        CampaignSettings s = campaign.settings();
        if (campaign.status() == CampaignStatus.STOPPED || campaign.status() == CampaignStatus.COMPLETED) {
            return Plan.finish(campaign.status() == CampaignStatus.COMPLETED && s.stopsAt() != null && !now.isBefore(s.stopsAt())
                    ? FinalStatus.STOP_DATE_REACHED : FinalStatus.CAMPAIGN_STOPPED);
        }
        if (s.stopsAt() != null && !now.isBefore(s.stopsAt())) {
            return Plan.finish(FinalStatus.STOP_DATE_REACHED);
        }
        Optional<ContactCards.Card> card = reads.card(contactId);
        if (card.isEmpty()) {
            return Plan.finish(FinalStatus.NO_PHONE);
        }
        if (card.get().dnc()) {
            return Plan.finish(FinalStatus.DO_NOT_CALL);
        }
        AttemptCounts counts = queue.counts(campaignId, contactId, null, null, null);
        if (s.maxAttemptsPerContact() != null && counts.onContact() >= s.maxAttemptsPerContact()) {
            return Plan.finish(FinalStatus.ATTEMPTS_EXHAUSTED_CONTACT);
        }
        if (s.maxHoursSinceFirstAttempt() != null && counts.firstAttemptAt() != null
                && !now.isBefore(counts.firstAttemptAt().plus(Duration.ofHours(s.maxHoursSinceFirstAttempt())))) {
            return Plan.finish(FinalStatus.DURATION_EXCEEDED_FIRST_ATTEMPT);
        }
        if (s.maxHoursSinceCreation() != null
                && !now.isBefore(card.get().createdAt().plus(Duration.ofHours(s.maxHoursSinceCreation())))) {
            return Plan.finish(FinalStatus.DURATION_EXCEEDED_CREATION);
        }
        // holds (a CRM's "postpone", "do not touch") and blocked numbers, read in one statement
        ContactRestrictions.ForPlan restricted = restrictions.forPlan(campaignId, contactId,
                card.get().phones().stream().map(ContactCards.Phone::number).toList(), now);
        List<ContactCards.Phone> callable = new ArrayList<>();
        boolean typeExhausted = false;
        boolean listed = false;
        for (ContactCards.Phone phone : card.get().phones()) {
            if (!phone.active()) {
                continue;
            }
            Integer typeLimit = s.maxAttemptsPerPhoneType().get(phone.type());
            if (typeLimit != null && counts.onPhoneType(phone.type()) >= typeLimit) {
                typeExhausted = true;
            } else if (restricted.blockedNumbers().contains(phone.number())
                    || cards.listed(s.dncListIds(), phone.number())) {
                listed = true;
            } else {
                callable.add(phone);
            }
        }
        if (callable.isEmpty()) {
            return Plan.finish(typeExhausted ? FinalStatus.ATTEMPTS_EXHAUSTED_PHONE_TYPE
                    : listed ? FinalStatus.DO_NOT_CALL : FinalStatus.NO_PHONE);
        }
        ContactCards.Phone phone = choose(callable, text(execution, PREFERRED_PHONE), text(execution, PHONE));
        ZoneId zone = zone(s, phone);
        Function<LocalDate, DayType> dayTypes = s.calendarId() == null ? CallingHours::weekdays
                : date -> reads.dayType(s.calendarId(), date);
        if (campaign.status() != CampaignStatus.RUNNING) {
            return Plan.waitUntil(phone, zone, now.plus(PAUSED_RECHECK), null, dayTypes);
        }
        if (restricted.hold().indefinite()) {
            // "do not touch": look again later; a release wakes the contact at once
            return Plan.waitUntil(phone, zone, now.plus(HOLD_RECHECK), null, dayTypes);
        }
        Instant notBefore = latest(now, instant(execution, NOT_BEFORE), s.startsAt(), restricted.hold().until());
        Instant callback = instant(execution, CALLBACK_PLANNED);
        if (callback != null && !callback.isBefore(notBefore)) {
            // the time agreed with the person: kept even outside the campaign's calling hours
            return callback.isAfter(now) ? Plan.waitUntil(phone, zone, callback, null, dayTypes)
                    : Plan.dial(phone, zone, now, null, dayTypes);
        }
        if (s.maxAttemptsPerDay() != null) {
            LocalDate day = LocalDate.ofInstant(notBefore, zone);
            if (queue.counts(campaignId, contactId, null, day, null).today() >= s.maxAttemptsPerDay()) {
                notBefore = day.plusDays(1).atStartOfDay(zone).toInstant();
            }
        }
        CallingHours hours = s.hours();
        Optional<Instant> dialAt = hours.earliestCallTime(notBefore, zone, dayTypes);
        if (dialAt.isEmpty()) {
            // no calling hours ahead at all: look again later, a supervisor may open some
            return Plan.waitUntil(phone, zone, now.plus(PAUSED_RECHECK), null, dayTypes);
        }
        if (s.stopsAt() != null && !dialAt.get().isBefore(s.stopsAt())) {
            return Plan.finish(FinalStatus.STOP_DATE_REACHED);
        }
        Instant windowEnd = hours.windowEnd(LocalDateTime.ofInstant(dialAt.get(), zone), dayTypes)
                .map(end -> end.atZone(zone).toInstant()).orElse(null);
        if (windowEnd != null && s.stopsAt() != null && windowEnd.isAfter(s.stopsAt())) {
            windowEnd = s.stopsAt();
        }
        return dialAt.get().isAfter(now) ? Plan.waitUntil(phone, zone, dialAt.get(), windowEnd, dayTypes)
                : Plan.dial(phone, zone, now, windowEnd, dayTypes);
    }

    /** The preferred phone if callable, else the current one, else the first by priority. */
    private static ContactCards.Phone choose(List<ContactCards.Phone> callable, String preferred, String current) {
        for (String number : new String[] {preferred, current}) {
            if (number != null) {
                for (ContactCards.Phone phone : callable) {
                    if (phone.number().equals(number)) {
                        return phone;
                    }
                }
            }
        }
        return callable.get(0);
    }

    private static ZoneId zone(CampaignSettings s, ContactCards.Phone phone) {
        if (s.timeZoneMode() == TimeZoneMode.CONTACT && phone.timeZone() != null) {
            try {
                return ZoneId.of(phone.timeZone());
            } catch (DateTimeException e) {
                // a zone the directory no longer knows: the campaign's
            }
        }
        return s.zone();
    }

    private static Instant latest(Instant... instants) {
        Instant latest = null;
        for (Instant instant : instants) {
            if (instant != null && (latest == null || instant.isAfter(latest))) {
                latest = instant;
            }
        }
        return latest;
    }

    record Plan(String kind, FinalStatus finalStatus, ContactCards.Phone phone, ZoneId zone, Instant dialAt,
                Instant windowEnd, Function<LocalDate, DayType> dayTypes) {

        static Plan finish(FinalStatus status) {
            return new Plan("FINISH", status, null, null, null, null, null);
        }

        static Plan waitUntil(ContactCards.Phone phone, ZoneId zone, Instant at, Instant windowEnd,
                              Function<LocalDate, DayType> dayTypes) {
            return new Plan("WAIT", null, phone, zone, at, windowEnd, dayTypes);
        }

        static Plan dial(ContactCards.Phone phone, ZoneId zone, Instant at, Instant windowEnd,
                         Function<LocalDate, DayType> dayTypes) {
            return new Plan("DIAL", null, phone, zone, at, windowEnd, dayTypes);
        }
    }
}
