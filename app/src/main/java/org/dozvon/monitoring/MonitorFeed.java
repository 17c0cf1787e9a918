package org.dozvon.monitoring;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.dozvon.access.Permission;
import org.dozvon.agents.OperatorState;
import org.dozvon.agents.OperatorView;
import org.dozvon.agents.Operators;
import org.dozvon.campaigns.CampaignStatus;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.dialing.Alerts;
import org.dozvon.dialing.CallFigures;
import org.dozvon.dialing.CallRecord;
import org.dozvon.dialing.CallRecords;
import org.dozvon.strategy.CampaignProgress;
import org.dozvon.telephony.DeviceState;
import org.dozvon.telephony.PbxPort;
import org.dozvon.web.LiveUpdates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the monitor's snapshot and tells open monitor pages which blocks changed. While a monitor page is open
 * (it watches the topic {@value #TOPIC}), every {@code dozvon.monitoring.refresh} it reads the operators, the
 * active campaigns and the open alerts — cheap, indexed reads — and the call figures of the day when a call event
 * arrived since (or they are older than {@code figures-max-age}). A block that differs from the last one sends the
 * pages a nudge that makes each fetch that block, rendered in its own request (language, permissions, masks).
 * Nobody watching, nothing is read.
 */
@Component
class MonitorFeed {

    static final String TOPIC = "monitor";
    static final String EVENT = "monitor";
    private static final Logger log = LoggerFactory.getLogger(MonitorFeed.class);

    private final Operators operators;
    private final Campaigns campaigns;
    private final Alerts alerts;
    private final CallFigures figures;
    private final CallRecords calls;
    private final CampaignProgress progress;
    private final LiveUpdates live;
    private final MonitoringProperties properties;
    private final Clock clock;
    private final AtomicBoolean callsChanged = new AtomicBoolean(true);
    private final PbxPort pbx;

    private volatile MonitorSnapshot current;
    /** What the open pages were last told of (a page's own request may have read a newer snapshot meanwhile). */
    private MonitorSnapshot published;
    private Figures lastFigures;
    private final Map<Long, CallRecord> heldCalls = new HashMap<>();

    MonitorFeed(Operators operators, Campaigns campaigns, Alerts alerts, CallFigures figures, CallRecords calls,
                CampaignProgress progress, LiveUpdates live, MonitoringProperties properties, Clock clock, PbxPort pbx) {
        this.operators = operators;
        this.campaigns = campaigns;
        this.alerts = alerts;
        this.figures = figures;
        this.calls = calls;
        this.progress = progress;
        this.live = live;
        this.properties = properties;
        this.clock = clock;
        this.pbx = pbx;
        pbx.addListener(event -> callsChanged.set(true));
    }

    /**
     * The latest snapshot while monitor pages keep it fresh (every refresh), so that many pages fetching a changed
     * block read the database once; read now otherwise.
     */
    MonitorSnapshot current() {
        MonitorSnapshot snapshot = current;
        boolean fresh = snapshot != null && live.watching(TOPIC) > 0
                && !snapshot.at().plus(properties.refresh().multipliedBy(2)).isBefore(clock.instant());
        return fresh ? snapshot : refresh();
    }

    /** The figures are read again at the next refresh (a forced action changed something). */
    void changed() {
        callsChanged.set(true);
    }

    @Scheduled(fixedDelayString = "${dozvon.monitoring.refresh:250ms}", initialDelayString = "${dozvon.monitoring.refresh:250ms}")
    void tick() {
        if (live.watching(TOPIC) == 0) {
            return;
        }
        try {
            MonitorSnapshot before = published;
            MonitorSnapshot after = refresh();
            published = after;
            List<String> changed = new ArrayList<>();
            if (before == null || !before.operators().equals(after.operators())) {
                changed.add("operators");
            }
            if (before == null || !before.campaigns().equals(after.campaigns())) {
                changed.add("campaigns");
            }
            if (before == null || !before.alerts().equals(after.alerts())) {
                changed.add("alerts");
            }
            if (!changed.isEmpty()) {
                live.publishToWatchers(TOPIC, EVENT, nudge(changed), Permission.MONITORING_VIEW);
            }
        } catch (RuntimeException e) {
            log.warn("The monitor could not refresh", e);
        }
    }

    /** Makes the page fetch each changed block in place. */
    static String nudge(List<String> blocks) {
        return blocks.stream().map(block -> ("<div hx-get=\"/monitoring/blocks/%s\" hx-trigger=\"load\""
                        + " hx-target=\"#monitor-%s\" hx-swap=\"outerHTML\"></div>").formatted(block, block))
                .collect(Collectors.joining());
    }

    synchronized MonitorSnapshot refresh() {
        Instant now = clock.instant();
        List<OperatorView> online = operators.all().stream().filter(o -> o.state() != OperatorState.OFFLINE)
                .sorted(Comparator.comparing(OperatorView::name, String.CASE_INSENSITIVE_ORDER)).toList();
        List<CampaignView> active = new ArrayList<>(campaigns.withStatus(CampaignStatus.RUNNING));
        active.addAll(campaigns.withStatus(CampaignStatus.PAUSED));
        active.sort(Comparator.comparing(CampaignView::name, String.CASE_INSENSITIVE_ORDER));
        Figures today = figures(now, active);
        Map<Long, CallRecord> held = held(online);
        Map<String, DeviceState> phones = pbx.deviceStates();

        Map<Long, String> names = new HashMap<>();
        active.forEach(c -> names.put(c.id(), c.name()));
        List<MonitorSnapshot.OperatorRow> operatorRows = online.stream().map(o -> {
            CallRecord call = o.attemptId() == null ? null : held.get(o.attemptId());
            String campaignName = o.campaignId() == null ? null
                    : names.computeIfAbsent(o.campaignId(), id -> campaigns.find(id).map(CampaignView::name).orElse("#" + id));
            return new MonitorSnapshot.OperatorRow(o, campaignName, call == null ? null : call.contactId(),
                    call == null ? null : call.number(),
                    today.operators().getOrDefault(o.id(), new CallFigures.OperatorCalls(o.id(), 0, java.time.Duration.ZERO)),
                    o.endpoint() == null ? null : phones.get(o.endpoint()));
        }).toList();

        List<MonitorSnapshot.CampaignRow> campaignRows = active.stream().map(c -> {
            Map<OperatorState, Integer> states = new EnumMap<>(OperatorState.class);
            online.stream().filter(o -> Objects.equals(o.campaignId(), c.id()))
                    .forEach(o -> states.merge(o.state(), 1, Integer::sum));
            return new MonitorSnapshot.CampaignRow(c,
                    today.campaigns().getOrDefault(c.id(), new CallFigures.CampaignCalls(c.id(), 0, 0, 0, 0, Map.of(), 0, 0)),
                    today.progress().getOrDefault(c.id(), CampaignProgress.Figures.NONE), Map.copyOf(states));
        }).toList();

        MonitorSnapshot snapshot = new MonitorSnapshot(now, new MonitorSnapshot.Operators(operatorRows),
                new MonitorSnapshot.Campaigns(campaignRows),
                new MonitorSnapshot.Alerts(alerts.page(true, null, null, 20), alerts.openCount()));
        current = snapshot;
        return snapshot;
    }

    /** The day's figures: read again after a call event, a forced action, or when too old. */
    private Figures figures(Instant now, List<CampaignView> active) {
        Set<Long> ids = active.stream().map(CampaignView::id).collect(Collectors.toSet());
        boolean stale = lastFigures == null || callsChanged.getAndSet(false)
                || lastFigures.at().plus(properties.figuresMaxAge()).isBefore(now)
                || !lastFigures.campaignIds().equals(ids);
        if (stale) {
            Instant dayStart = LocalDate.now(clock).atStartOfDay(clock.getZone()).toInstant();
            lastFigures = new Figures(now, ids, figures.campaigns(dayStart, now.minus(properties.abandonWindow()), now),
                    figures.operators(dayStart, now), progress.of(ids));
        }
        return lastFigures;
    }

    /** The calls operators hold, read once per call (the contact and number of a call do not change). */
    private Map<Long, CallRecord> held(List<OperatorView> online) {
        Set<Long> wanted = online.stream().map(OperatorView::attemptId).filter(Objects::nonNull).collect(Collectors.toSet());
        heldCalls.keySet().retainAll(wanted);
        List<Long> missing = wanted.stream().filter(id -> !heldCalls.containsKey(id)).toList();
        calls.attempts(missing).forEach(call -> heldCalls.put(call.attemptId(), call));
        return heldCalls;
    }

    private record Figures(Instant at, Set<Long> campaignIds, Map<Long, CallFigures.CampaignCalls> campaigns,
                           Map<Long, CallFigures.OperatorCalls> operators, Map<Long, CampaignProgress.Figures> progress) {
    }
}
