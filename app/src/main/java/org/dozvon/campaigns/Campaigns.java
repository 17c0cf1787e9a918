package org.dozvon.campaigns;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.dozvon.Violation;
import org.dozvon.contacts.ContactSelections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The campaigns module's API: campaigns as other modules read them, and their lifecycle.
 *
 * <h2>Lifecycle</h2>
 * <pre>
 *   DRAFT ──start──▶ RUNNING ──pause──▶ PAUSED ──resume──▶ RUNNING
 *   RUNNING, PAUSED ──stop──▶ STOPPED          RUNNING, PAUSED ──complete──▶ COMPLETED
 *   STOPPED, COMPLETED ──start──▶ RUNNING
 * </pre>
 * Any other move is refused with {@link CampaignRefusedException} (field {@code status}). Starting also
 * needs a strategy, at least one contact list, a valid selection, some calling hours and a stop date
 * (if any) still ahead; resuming needs the stop date ahead. Both are refused while a {@link CampaignHolds}
 * holds the campaign (an unacknowledged auto-stop alert). A running campaign whose stop date has
 * passed is completed within 30 seconds.
 *
 * <h2>Events</h2>
 * Every change publishes one event through Spring's {@code ApplicationEventPublisher} inside the
 * transaction that made it, after the change is written; Spring Modulith's publication registry keeps
 * it for {@code @ApplicationModuleListener}s (asynchronous, after commit, retried after a crash until the
 * listener completes). So a listener sees the committed change, may be called more than once for one event
 * (after a crash) and must be idempotent, and must read the campaign again rather than trust anything it
 * remembers. Events carry only the campaign's id (and for edits the new revision):
 * <ul>
 *   <li>{@link CampaignStarted} — status became RUNNING from DRAFT, STOPPED or COMPLETED: start handling its
 *       eligible contacts ({@link CampaignView#selection()}), keeping each contact's progress from earlier runs.</li>
 *   <li>{@link CampaignPaused} — RUNNING → PAUSED: dial nobody new; keep every contact's progress.</li>
 *   <li>{@link CampaignResumed} — PAUSED → RUNNING: carry on where the pause left off.</li>
 *   <li>{@link CampaignStopped} — RUNNING or PAUSED → STOPPED by a person: end the campaign's work.</li>
 *   <li>{@link CampaignCompleted} — RUNNING or PAUSED → COMPLETED: out of contacts (finite campaign, reported
 *       through {@link #complete}) or past its stop date.</li>
 *   <li>{@link CampaignChanged} — settings edited (any status): re-read them. Edits to a running campaign
 *       must take effect within 30 s: a component either listens to this event or compares
 *       {@link #revision} with the revision it holds at least every 30 s.</li>
 * </ul>
 */
@Service
public class Campaigns {

    private static final Logger log = LoggerFactory.getLogger(Campaigns.class);
    private static final Set<CampaignStatus> STARTABLE = EnumSet.of(CampaignStatus.DRAFT, CampaignStatus.STOPPED,
            CampaignStatus.COMPLETED);
    private static final Set<CampaignStatus> ACTIVE = EnumSet.of(CampaignStatus.RUNNING, CampaignStatus.PAUSED);
    /** The lightest weight a campaign may have. */
    public static final int MIN_WEIGHT = 1;
    /** The heaviest weight a campaign may have. */
    public static final int MAX_WEIGHT = 1000;

    private final CampaignStore store;
    private final ContactSelections selections;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final StrategyCatalogue strategies;
    private final ObjectProvider<CampaignHolds> holds;

    Campaigns(CampaignStore store, ContactSelections selections, ApplicationEventPublisher events, Clock clock,
              StrategyCatalogue strategies, ObjectProvider<CampaignHolds> holds) {
        this.store = store;
        this.holds = holds;
        this.strategies = strategies;
        this.selections = selections;
        this.events = events;
        this.clock = clock;
    }

    /** The campaign with its settings, empty when there is none. */
    public Optional<CampaignView> find(long id) {
        return store.find(id);
    }

    /** The campaigns now RUNNING, heaviest first. */
    public List<CampaignView> running() {
        return store.withStatus(CampaignStatus.RUNNING);
    }

    /** The campaigns with this status, heaviest first. */
    public List<CampaignView> withStatus(CampaignStatus status) {
        return store.withStatus(status);
    }

    /**
     * The campaigns, in any status, whose strategy is this process key, by name. A campaign's
     * {@link CampaignSettings#strategyVersion()} says which version it uses: a pinned number, or null for
     * the latest deployed one.
     */
    public List<CampaignView> usingStrategy(String strategyKey) {
        return store.withStrategy(strategyKey);
    }

    /** The campaign's current revision (one more with every edit), empty when there is no such campaign. */
    public OptionalLong revision(long id) {
        return store.revision(id).map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }

    /** When the campaign may call, in the zone its time-zone mode says. */
    public CallingHours callingHours(long id) {
        return require(id).callingHours();
    }

    /**
     * The calling intervals that start on a date of the given type (the date's exception if it has one),
     * in local time of the zone the campaign's time-zone mode says.
     */
    public List<CallingInterval> callingHours(long id, LocalDate date, DayType dayType) {
        return require(id).callingHours().on(date, dayType);
    }

    /** The limits on attempts and time for each of the campaign's contacts. */
    public CampaignLimits limits(long id) {
        return require(id).limits();
    }

    /**
     * A running campaign that exists only inside the caller's transaction, for a strategy's dry run: the
     * settings as given (a copy of a real campaign's, or the form's defaults), a name nobody sees, no event
     * published. The caller rolls the transaction back.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public long runningForDryRun(CampaignSettings settings) {
        CampaignSettings named = settings.withName("Dry run " + java.util.UUID.randomUUID());
        long id = store.insert(named, clock.instant());
        store.setStatus(id, CampaignStatus.RUNNING, clock.instant());
        return id;
    }

    /**
     * DRAFT, STOPPED or COMPLETED → RUNNING; publishes {@link CampaignStarted}.
     *
     * @throws CampaignRefusedException with every reason it cannot start
     * @throws CampaignNotFoundException when there is no such campaign
     */
    @Transactional
    public CampaignView start(long id) {
        CampaignView campaign = lock(id);
        List<Violation> violations = new ArrayList<>();
        if (!STARTABLE.contains(campaign.status())) {
            throw refused("start", campaign);
        }
        CampaignSettings settings = campaign.settings();
        if (settings.strategyKey() == null || settings.strategyKey().isBlank()) {
            violations.add(new Violation("strategyKey", "campaigns.error.startNoStrategy"));
        } else if (!strategies.isDeployed(settings.strategyKey(), settings.strategyVersion())) {
            violations.add(settings.strategyVersion() == null
                    ? new Violation("strategyKey", "campaigns.error.startStrategyMissing", settings.strategyKey())
                    : new Violation("strategyVersion", "campaigns.error.startStrategyVersionMissing",
                            settings.strategyKey(), String.valueOf(settings.strategyVersion())));
        }
        if (settings.listIds().isEmpty()) {
            violations.add(new Violation("lists", "campaigns.error.startNoLists"));
        } else {
            violations.addAll(selections.check(settings.selection()));
        }
        if (settings.hours().isNever()) {
            violations.add(new Violation("callingHours", "campaigns.error.startNoHours"));
        }
        checkStopDate(settings, violations);
        checkHolds(id, violations);
        if (!violations.isEmpty()) {
            throw new CampaignRefusedException(violations);
        }
        return move(campaign, CampaignStatus.RUNNING, new CampaignStarted(id));
    }

    /** RUNNING → PAUSED; publishes {@link CampaignPaused}. */
    @Transactional
    public CampaignView pause(long id) {
        CampaignView campaign = lock(id);
        if (campaign.status() != CampaignStatus.RUNNING) {
            throw refused("pause", campaign);
        }
        return move(campaign, CampaignStatus.PAUSED, new CampaignPaused(id));
    }

    /** PAUSED → RUNNING; publishes {@link CampaignResumed}. Refused while a {@link CampaignHolds} holds it. */
    @Transactional
    public CampaignView resume(long id) {
        CampaignView campaign = lock(id);
        if (campaign.status() != CampaignStatus.PAUSED) {
            throw refused("resume", campaign);
        }
        List<Violation> violations = new ArrayList<>();
        checkStopDate(campaign.settings(), violations);
        checkHolds(id, violations);
        if (!violations.isEmpty()) {
            throw new CampaignRefusedException(violations);
        }
        return move(campaign, CampaignStatus.RUNNING, new CampaignResumed(id));
    }

    /** RUNNING or PAUSED → STOPPED; publishes {@link CampaignStopped}. */
    @Transactional
    public CampaignView stop(long id) {
        CampaignView campaign = lock(id);
        if (!ACTIVE.contains(campaign.status())) {
            throw refused("stop", campaign);
        }
        return move(campaign, CampaignStatus.STOPPED, new CampaignStopped(id));
    }

    /**
     * RUNNING or PAUSED → COMPLETED, for whoever finds a finite campaign out of contacts (and for the stop
     * date); publishes {@link CampaignCompleted}.
     */
    @Transactional
    public CampaignView complete(long id) {
        CampaignView campaign = lock(id);
        if (!ACTIVE.contains(campaign.status())) {
            throw refused("complete", campaign);
        }
        return move(campaign, CampaignStatus.COMPLETED, new CampaignCompleted(id));
    }

    /**
     * Changes a campaign's weight alone (its share of free operators and lines among running campaigns), in any
     * status: one more revision (a form opened before will not overwrite it unseen) and {@link CampaignChanged} with
     * {@code weightOnly}; the dialer reads the running campaigns, weights included, on every round. The same weight
     * again changes nothing.
     *
     * @return the campaign as it is now
     * @throws CampaignRefusedException (field {@code weight}) when the weight is not within
     *                                  {@value #MIN_WEIGHT}–{@value #MAX_WEIGHT}
     * @throws CampaignNotFoundException when there is no such campaign
     */
    @Transactional
    public CampaignView changeWeight(long id, int weight) {
        CampaignView campaign = lock(id);
        if (weight < MIN_WEIGHT || weight > MAX_WEIGHT) {
            throw new CampaignRefusedException(List.of(new Violation("weight", "campaigns.error.range", MIN_WEIGHT,
                    MAX_WEIGHT)));
        }
        if (campaign.settings().weight() == weight) {
            return campaign;
        }
        long revision = store.changeWeight(id, weight, clock.instant());
        events.publishEvent(new CampaignChanged(id, revision, true));
        log.info("Campaign '{}' ({}): weight {} -> {}, revision {}", campaign.name(), id, campaign.settings().weight(),
                weight, revision);
        return require(id);
    }

    /** Completes every running or paused campaign whose stop date has come; returns their ids. */
    @Transactional
    public List<Long> completePastStopDate() {
        List<Long> completed = new ArrayList<>();
        for (long id : store.pastStopDate(clock.instant())) {
            CampaignView campaign = lock(id);
            if (ACTIVE.contains(campaign.status())) {
                move(campaign, CampaignStatus.COMPLETED, new CampaignCompleted(id));
                completed.add(id);
            }
        }
        return completed;
    }

    private void checkStopDate(CampaignSettings settings, List<Violation> violations) {
        if (settings.stopsAt() != null && !settings.stopsAt().isAfter(clock.instant())) {
            violations.add(new Violation("stopsAt", "campaigns.error.pastStopDate"));
        }
    }

    private void checkHolds(long id, List<Violation> violations) {
        holds.orderedStream().forEach(hold -> violations.addAll(hold.holds(id)));
    }

    private CampaignView move(CampaignView campaign, CampaignStatus to, Object event) {
        Instant now = clock.instant();
        boolean start = event instanceof CampaignStarted;
        if (start) {
            store.setStarted(campaign.id(), now);
        } else {
            store.setStatus(campaign.id(), to, now);
        }
        events.publishEvent(event);
        log.info("Campaign '{}' ({}): {} -> {}", campaign.name(), campaign.id(), campaign.status(), to);
        return new CampaignView(campaign.id(), to, campaign.revision(), campaign.settings(), campaign.createdAt(),
                campaign.updatedAt(), now, start ? now : campaign.startedAt());
    }

    private CampaignView lock(long id) {
        return store.lock(id).orElseThrow(() -> new CampaignNotFoundException(id));
    }

    private CampaignView require(long id) {
        return store.find(id).orElseThrow(() -> new CampaignNotFoundException(id));
    }

    private static CampaignRefusedException refused(String action, CampaignView campaign) {
        return new CampaignRefusedException(List.of(new Violation("status", "campaigns.error.cannot." + action, campaign.name())));
    }
}
