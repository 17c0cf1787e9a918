package org.dozvon.dialing;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.dozvon.campaigns.CampaignDialing;
import org.dozvon.campaigns.CallbackCalled;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.DialingMode;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.campaigns.OutcomeCategory;
import org.dozvon.telephony.AmdStatus;
import org.dozvon.telephony.CallEvent;
import org.dozvon.telephony.CallEventListener;
import org.dozvon.telephony.CallId;
import org.dozvon.telephony.CallRoute;
import org.dozvon.telephony.OriginateRequest;
import org.dozvon.telephony.PbxPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dialer of one Dozvon instance (a "node"): every tick it shares the connectors' free lines among the
 * running campaigns by weight, asks each campaign's pacer how many calls to place, takes that many due
 * requests (they become DIALING, with their {@code call_attempt} row, in a transaction committed before any
 * originate is sent) and originates them with the call id {@code dz-<request id>}. The port's events are
 * applied on a thread of the dialer's own and the end of each call goes to the contact's strategy.
 *
 * <p>Calls this node lost track of (it was killed mid-call, or another node died) are reconciled with the
 * PBX's live calls: gone, they settle as FAILED "lost"; still live, they are followed until they disappear.
 * Ticks and reconciliation run on one thread, so a call is never both being placed and taken for lost.
 *
 * <p>Campaigns with operators (see "Dialing: operators" in {@code docs/architecture.md}): every tick, free operators
 * are sent to a campaign (skill and level, minimum and maximum operators, weight); progressive and predictive
 * campaigns dial what their pacer says and an answered person waits (route {@code wait}) until a ready operator of
 * the campaign is reserved and connected, or the greeting ends the call as abandoned; preview campaigns reserve a
 * ready operator with a request first and place the call (route {@code operator}) when the preview time is up or
 * the operator asks. A call an operator talked on reaches the strategy when the operator's wrap-up ends
 * ({@link WrapUps}).
 * Ends an earlier run recorded but was killed before handing to the strategy are handed over at the first
 * reconciliation (except calls an operator talked on: their wrap-up, kept in the database, hands them over).
 */
class Dialer implements CallEventListener, WrapUps {

    static final String CALL_ID_PREFIX = "dz-";
    private static final Logger log = LoggerFactory.getLogger(Dialer.class);

    private final DialingProperties properties;
    private final String node;
    private final PbxPort port;
    private final DialQueue queue;
    private final CallAttemptStore attempts;
    private final Alerts alerts;
    private final ConnectorStore connectors;
    private final Campaigns campaigns;
    private final CampaignPacers pacers;
    private final CallerIdChoice callerIds;
    private final AttemptOutcomes outcomes;
    private final OperatorPool operators;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    /** Calls this node placed and follows through the port's events: call id → the call. */
    private final Map<String, Live> tracked = new ConcurrentHashMap<>();
    /** Persons waiting for an operator: request id → the call. */
    private final Map<Long, Live> waiting = new ConcurrentHashMap<>();
    /** Preview calls reserved on this node and not placed yet: request id → what to place. */
    private final Map<Long, Preview> previews = new HashMap<>();
    /** Waiting persons are matched with ready operators one round at a time (tick and event threads). */
    private final Object matching = new Object();
    /** Calls of an earlier life (or a dead node) still live on the PBX: call id → request id; dialer thread only. */
    private final Map<String, Long> orphans = new HashMap<>();
    /** Calls reconciliation has handed to the event thread to end, until it has: not to be taken up again. */
    private final Set<String> ending = ConcurrentHashMap.newKeySet();
    private final Map<Long, CampaignPacer> campaignPacers = new ConcurrentHashMap<>();
    /** The dialing settings each campaign's pacer was made for. */
    private final Map<Long, org.dozvon.campaigns.CampaignDialing> pacerSettings = new HashMap<>();
    private int roundRobin;
    /** When this life began listening: ends recorded before it and not handed over belong to an earlier life. */
    private volatile Instant listeningSince;
    private volatile boolean earlierEndsHandedOver;
    /** Ticks and reconciliations run one at a time (tests tick from threads of their own). */
    private final Object rounds = new Object();

    private volatile ScheduledExecutorService loop;
    private volatile ExecutorService events;

    Dialer(DialingProperties properties, PbxPort port, DialQueue queue, CallAttemptStore attempts,
           ConnectorStore connectors, Campaigns campaigns, CampaignPacers pacers, CallerIdChoice callerIds,
           AttemptOutcomes outcomes, OperatorPool operators, TransactionTemplate transactions,
           ApplicationEventPublisher publisher, Alerts alerts, Clock clock) {
        this.properties = properties;
        this.alerts = alerts;
        this.node = properties.node() == null || properties.node().isBlank() ? hostName() : properties.node();
        this.port = port;
        this.queue = queue;
        this.attempts = attempts;
        this.connectors = connectors;
        this.campaigns = campaigns;
        this.pacers = pacers;
        this.callerIds = callerIds;
        this.outcomes = outcomes;
        this.operators = operators;
        this.transactions = transactions;
        this.publisher = publisher;
        this.clock = clock;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "dozvon";
        }
    }

    String node() {
        return node;
    }

    /** Starts listening to the port, reconciles what an earlier life left, then ticks. */
    synchronized void start() {
        if (loop != null) {
            return;
        }
        listen();
        loop = Executors.newSingleThreadScheduledExecutor(daemon("dozvon-dialer-" + node));
        long reconcile = properties.reconcileInterval().toMillis();
        loop.scheduleWithFixedDelay(guarded("reconciliation", this::reconcile), 0, reconcile, TimeUnit.MILLISECONDS);
        long tick = properties.tick().toMillis();
        loop.scheduleWithFixedDelay(guarded("tick", this::tick), tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Follows the port's events without ticking by itself (tests tick a dialer from their own threads). */
    synchronized void listen() {
        if (events != null) {
            return;
        }
        events = Executors.newSingleThreadExecutor(daemon("dozvon-dialing-events-" + node));
        listeningSince = clock.instant();
        earlierEndsHandedOver = false;
        attempts.beat(node, listeningSince, true);
        port.addListener(this);
        log.info("Dialer started as node '{}'", node);
    }

    /**
     * Stops placing calls and following events, as a killed process would: nothing is settled, the open calls
     * stay DIALING for the next start's reconciliation.
     */
    @PreDestroy
    synchronized void stop() {
        if (events == null) {
            return;
        }
        port.removeListener(this);
        if (loop != null) {
            loop.shutdownNow();
        }
        events.shutdownNow();
        try {
            if (loop != null) {
                loop.awaitTermination(5, TimeUnit.SECONDS);
            }
            events.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop = null;
        events = null;
        tracked.clear();
        waiting.clear();
        previews.clear();
        orphans.clear();
        ending.clear();
    }

    private Runnable guarded(String what, Runnable work) {
        return () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.warn("Dialer {} failed; trying again at the next one", what, e);
            }
        };
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    // ---------------------------------------------------------------- placing calls

    /** One round: shares the free lines, takes due requests, originates them. Package-visible for tests. */
    void tick() {
        synchronized (rounds) {
            tickAlone();
        }
    }

    private void tickAlone() {
        if (!port.connected()) {
            return;
        }
        Instant now = clock.instant();
        Map<Long, Integer> due = queue.due(now);
        List<CampaignView> running = campaigns.running();
        campaignPacers.keySet().retainAll(running.stream().map(CampaignView::id).toList());
        List<OperatorPool.Seat> seats = running.stream().anyMatch(c -> c.settings().dialing().mode().withOperators())
                || !previews.isEmpty() ? operators.working() : List.of();
        seats = OperatorRouting.route(seats, running, due, waitingCampaigns(), operators);
        placePreviews(seats, running, now);
        matchWaiting();
        if (running.isEmpty()) {
            return;
        }
        List<CallAttemptStore.OpenCall> open = attempts.open();
        List<Connector> usable = connectors.all().stream().filter(Connector::active).toList();
        Map<Long, Integer> free = new LinkedHashMap<>();
        for (Connector connector : usable) {
            long busy = open.stream().filter(call -> Long.valueOf(connector.id()).equals(call.connectorId())).count();
            free.put(connector.id(), (int) Math.max(0, connector.capacity() - busy));
        }
        List<Connector> order = ordered(usable, connectors.selection());
        if (free.values().stream().anyMatch(lines -> lines > 0)) {
            seats = reservePersonal(seats, running, now, order, free);
        }
        int connectorFree = free.values().stream().mapToInt(Integer::intValue).sum();
        if (connectorFree == 0) {
            return;
        }
        List<Demand> demands = new ArrayList<>();
        for (CampaignView campaign : running) {
            List<CampaignLines.LiveCall> live = open.stream().filter(call -> call.campaignId() == campaign.id())
                    .map(CallAttemptStore.OpenCall::live).toList();
            List<OperatorPool.Seat> own = seats.stream()
                    .filter(seat -> Long.valueOf(campaign.id()).equals(seat.campaignId())).toList();
            Integer max = maxLines(campaign);
            int limit = (int) Math.min(max == null ? Integer.MAX_VALUE : max, (long) live.size() + connectorFree);
            CampaignLines lines = new CampaignLines(campaign.id(), now, limit, live, due.getOrDefault(campaign.id(), 0),
                    campaign.settings().dialing().mode().withOperators() ? own : List.of());
            int asked = campaign.settings().dialing().mode() == DialingMode.PREVIEW
                    ? (int) own.stream().filter(seat -> seat.state() == OperatorPool.SeatState.READY).count()
                    : pacerOf(campaign).dials(lines);
            int wanted = Math.min(Math.min(asked, lines.freeLines()), lines.dueRequests());
            if (wanted > 0) {
                demands.add(new Demand(campaign, live.size(), Math.max(1, campaign.settings().weight()), wanted, own));
            }
        }
        share(demands, connectorFree);
        for (Demand demand : demands) {
            if (demand.granted == 0) {
                continue;
            }
            if (demand.campaign.settings().dialing().mode() == DialingMode.PREVIEW) {
                reservePreviews(demand.campaign, demand.seats, demand.granted, now, order, free);
            } else {
                dial(demand.campaign, demand.granted, now, order, free);
            }
        }
    }

    /** Campaigns with persons waiting for an operator on this node. */
    private java.util.Set<Long> waitingCampaigns() {
        Set<Long> ids = new HashSet<>();
        waiting.values().forEach(call -> ids.add(call.campaignId));
        return ids;
    }

    private Integer maxLines(CampaignView campaign) {
        return campaign.settings().maxLines();
    }

    private CampaignPacer pacerOf(CampaignView campaign) {
        // made again when the dialing settings change; other edits (a new weight, a name) keep what it has learned
        org.dozvon.campaigns.CampaignDialing dialing = campaign.settings().dialing();
        CampaignPacer pacer = campaignPacers.get(campaign.id());
        if (pacer == null || !dialing.equals(pacerSettings.get(campaign.id()))) {
            pacer = pacers.pacerFor(campaign);
            campaignPacers.put(campaign.id(), pacer);
            pacerSettings.put(campaign.id(), dialing);
        }
        return pacer;
    }

    /** Gives lines one at a time to the campaign with the fewest calls for its weight (weighted fair share). */
    static void share(List<Demand> demands, int lines) {
        for (int i = 0; i < lines; i++) {
            Demand next = null;
            for (Demand demand : demands) {
                if (demand.granted < demand.wanted && (next == null || demand.load() < next.load())) {
                    next = demand;
                }
            }
            if (next == null) {
                return;
            }
            next.granted++;
        }
    }

    private List<Connector> ordered(List<Connector> usable, ConnectorSelection selection) {
        List<Connector> order = new ArrayList<>(usable);
        order.sort(Comparator.comparingInt(Connector::position).thenComparingLong(Connector::id));
        if (selection == ConnectorSelection.FROM_END) {
            java.util.Collections.reverse(order);
        }
        return order;
    }

    private Long connectorFor(List<Connector> order, Map<Long, Integer> free, ConnectorSelection selection) {
        int size = order.size();
        for (int i = 0; i < size; i++) {
            int index = selection == ConnectorSelection.ROUND_ROBIN ? Math.floorMod(roundRobin + i, size) : i;
            Connector connector = order.get(index);
            if (free.getOrDefault(connector.id(), 0) > 0) {
                free.merge(connector.id(), -1, Integer::sum);
                if (selection == ConnectorSelection.ROUND_ROBIN) {
                    roundRobin = index + 1;
                }
                return connector.id();
            }
        }
        return null;
    }

    private void dial(CampaignView campaign, int count, Instant now, List<Connector> order, Map<Long, Integer> free) {
        ConnectorSelection selection = connectors.selection();
        Map<Long, Connector> byId = new HashMap<>();
        order.forEach(connector -> byId.put(connector.id(), connector));
        List<Placed> placed = transactions.execute(status -> {
            List<Placed> taken = new ArrayList<>();
            for (DialAttempt attempt : queue.take(campaign.id(), now, count)) {
                Long connectorId = connectorFor(order, free, selection);
                String callerId = callerIds.pick(campaign);
                String callId = CALL_ID_PREFIX + attempt.id();
                record(attempt, callId, connectorId, callerId);
                taken.add(new Placed(attempt, callId, connectorId == null ? null : byId.get(connectorId), callerId));
            }
            return taken;
        });
        List<Long> sent = new ArrayList<>();
        CallRoute route = campaign.settings().dialing().mode().withOperators()
                ? new CallRoute.WaitForOperator(properties.operatorWait()) : new CallRoute.ToIvr();
        for (Placed call : placed) {
            if (place(campaign, call, route, null)) {
                sent.add(call.attempt.id());
            }
        }
        attempts.originated(sent, clock.instant());
        log.debug("Campaign {}: {} calls placed", campaign.id(), sent.size());
    }

    /** Sends one originate; a refusal ends the call as FAILED "not placed". */
    private boolean place(CampaignView campaign, Placed call, CallRoute route, OperatorPool.Seat operator) {
        CampaignPacer pacer = pacerOf(campaign);
        boolean amd = detectMachine(campaign);
        Live live = new Live(call.attempt.id(), call.callId, campaign.id(), campaign.settings().dialing(), amd, pacer,
                clock.instant());
        if (operator != null) {
            live.operatorId = operator.operatorId();
            live.operatorWrapUp = operator.wrapUpSeconds();
        }
        tracked.put(call.callId, live);
        try {
            port.originate(request(campaign, call, route, amd, live.operatorId));
            pacer.dialled(live.dialledAt);
            return true;
        } catch (RuntimeException e) {
            log.warn("Call {} to {} not placed: {}", call.callId, call.attempt.phone(), e.toString());
            long id = call.attempt.id();
            events.execute(() -> end(id, call.callId, OutcomeCategory.FAILED, null, null,
                    "not placed: " + e.getMessage()));
            return false;
        }
    }

    private boolean detectMachine(CampaignView campaign) {
        Boolean own = campaign.settings().dialing().detectMachine();
        return own == null ? properties.detectMachine() : own;
    }

    // ---------------------------------------------------------------- preview

    /**
     * Gives each of up to {@code count} ready operators of a preview campaign a due request: the request becomes
     * DIALING with its attempt and the operator PREVIEW, in one transaction (an operator another node reserved
     * meanwhile rolls it back). The call is placed by {@link #placePreviews} when the preview time is up.
     */
    private void reservePreviews(CampaignView campaign, List<OperatorPool.Seat> seats, int count, Instant now,
                                 List<Connector> order, Map<Long, Integer> free) {
        int reserved = 0;
        for (OperatorPool.Seat seat : seats) {
            if (reserved == count) {
                return;
            }
            if (seat.state() == OperatorPool.SeatState.READY && seat.endpoint() != null
                    && reservePreview(seat, () -> queue.take(campaign.id(), now, 1).stream().findFirst(),
                    Map.of(campaign.id(), campaign), now, order, free)) {
                reserved++;
            }
        }
    }

    /**
     * Personal callbacks: each ready operator that due PERSONAL callback requests of running campaigns wait for
     * previews the earliest of them, whatever the campaign's mode (the operator works for that campaign for the
     * call). Answers the seats that are still free.
     */
    private List<OperatorPool.Seat> reservePersonal(List<OperatorPool.Seat> seats, List<CampaignView> running,
                                                    Instant now, List<Connector> order, Map<Long, Integer> free) {
        Map<String, Set<Long>> due = queue.personalDue(now);
        if (due.isEmpty()) {
            return seats;
        }
        Map<Long, CampaignView> byId = new HashMap<>();
        running.forEach(campaign -> byId.put(campaign.id(), campaign));
        Set<Long> taken = new HashSet<>();
        for (Map.Entry<String, Set<Long>> wanted : due.entrySet()) {
            List<Long> campaignIds = wanted.getValue().stream().filter(byId::containsKey).toList();
            if (campaignIds.isEmpty()) {
                continue;
            }
            operators.operatorOfUser(wanted.getKey())
                    .flatMap(id -> seats.stream().filter(seat -> seat.operatorId() == id).findFirst())
                    .filter(seat -> seat.state() == OperatorPool.SeatState.READY && seat.endpoint() != null)
                    .filter(seat -> reservePreview(seat, () -> queue.takePersonal(wanted.getKey(), campaignIds, now),
                            byId, now, order, free))
                    .ifPresent(seat -> taken.add(seat.operatorId()));
        }
        return taken.isEmpty() ? seats : seats.stream().filter(seat -> !taken.contains(seat.operatorId())).toList();
    }

    /** Reserves a READY operator with the request {@code take} finds, as a preview of the request's campaign. */
    private boolean reservePreview(OperatorPool.Seat seat, java.util.function.Supplier<Optional<DialAttempt>> take,
                                   Map<Long, CampaignView> campaignsById, Instant now, List<Connector> order,
                                   Map<Long, Integer> free) {
        ConnectorSelection selection = connectors.selection();
        Placed placed = transactions.execute(status -> {
            Optional<DialAttempt> found = take.get();
            if (found.isEmpty()) {
                return null;
            }
            DialAttempt attempt = found.get();
            CampaignView campaign = campaignsById.get(attempt.campaignId());
            Instant until = now.plusSeconds(campaign.settings().dialing().previewSeconds());
            Long connectorId = connectorFor(order, free, selection);
            String callerId = callerIds.pick(campaign);
            String callId = CALL_ID_PREFIX + attempt.id();
            record(attempt, callId, connectorId, callerId);
            if (!operators.reserve(seat.operatorId(), campaign.id(), attempt.id(), OperatorPool.SeatState.PREVIEW,
                    until)) {
                status.setRollbackOnly();
                return null;
            }
            attempts.operator(attempt.id(), seat.operatorId(), seat.name());
            return new Placed(attempt, callId, connectorId == null ? null : order.stream()
                    .filter(c -> c.id() == connectorId).findFirst().orElse(null), callerId);
        });
        if (placed == null) {
            return false;
        }
        previews.put(placed.attempt.id(), new Preview(placed, placed.attempt.campaignId()));
        return true;
    }

    /** Writes the call attempt of a request taken for dialling; a callback's request tells its callback. */
    void record(DialAttempt attempt, String callId, Long connectorId, String callerId) {
        attempts.insert(attempt, callId, node, connectorId, callerId);
        if (attempt.callbackId() != null) {
            publisher.publishEvent(new CallbackCalled(attempt.callbackId(), attempt.id()));
        }
    }

    /** Places the preview calls whose time is up (or whose operator asked to dial now). */
    private void placePreviews(List<OperatorPool.Seat> seats, List<CampaignView> running, Instant now) {
        if (previews.isEmpty()) {
            return;
        }
        Map<Long, CampaignView> byId = new HashMap<>();
        running.forEach(campaign -> byId.put(campaign.id(), campaign));
        Set<Long> held = new HashSet<>();
        for (OperatorPool.Seat seat : seats) {
            if (seat.state() != OperatorPool.SeatState.PREVIEW || seat.attemptId() == null) {
                continue;
            }
            held.add(seat.attemptId());
            Preview preview = previews.get(seat.attemptId());
            if (preview == null) {
                continue;
            }
            CampaignView campaign = byId.get(preview.campaignId);
            // a preview of a campaign that stopped dialing ends at once; the others when their time is up
            if (campaign != null && (seat.until() == null || seat.until().isAfter(now))) {
                continue;
            }
            previews.remove(seat.attemptId());
            if (campaign == null) {
                events.execute(() -> end(preview.placed.attempt.id(), preview.placed.callId, OutcomeCategory.FAILED,
                        null, null, "not placed: the campaign stopped dialing during the preview"));
                continue;
            }
            operators.placing(seat.attemptId());
            if (place(campaign, preview.placed, new CallRoute.ToOperator(seat.endpoint()), seat)) {
                attempts.originated(List.of(seat.attemptId()), clock.instant());
            }
        }
        // a preview whose operator no longer holds it (logged out by force, deleted) is given up
        for (var preview : new ArrayList<>(previews.entrySet())) {
            if (!held.contains(preview.getKey())) {
                previews.remove(preview.getKey());
                Placed placed = preview.getValue().placed;
                events.execute(() -> end(placed.attempt.id(), placed.callId, OutcomeCategory.FAILED, null, null,
                        "not placed: the operator no longer previews it"));
            }
        }
    }

    // ---------------------------------------------------------------- waiting persons

    /** Connects waiting persons, oldest first, to ready operators of their campaign, longest ready first. */
    private void matchWaiting() {
        if (waiting.isEmpty()) {
            return;
        }
        synchronized (matching) {
            List<Live> persons = new ArrayList<>(waiting.values());
            persons.sort(Comparator.comparing(call -> call.waitingAt));
            List<OperatorPool.Seat> ready = new ArrayList<>(operators.working().stream()
                    .filter(seat -> seat.state() == OperatorPool.SeatState.READY && seat.endpoint() != null).toList());
            for (Live call : persons) {
                for (var seats = ready.iterator(); seats.hasNext(); ) {
                    OperatorPool.Seat seat = seats.next();
                    if (!Long.valueOf(call.campaignId).equals(seat.campaignId())) {
                        continue;
                    }
                    seats.remove();
                    if (waiting.remove(call.attemptId) == null) {
                        break;
                    }
                    if (operators.reserve(seat.operatorId(), call.campaignId, call.attemptId,
                            OperatorPool.SeatState.RINGING, null)) {
                        call.operatorId = seat.operatorId();
                        call.operatorWrapUp = seat.wrapUpSeconds();
                        attempts.operator(call.attemptId, seat.operatorId(), seat.name());
                        port.connectToOperator(CallId.of(call.callId), seat.endpoint(),
                                operators.autoAnswer(seat.operatorId()));
                        break;
                    }
                    waiting.put(call.attemptId, call);
                }
            }
        }
    }

    private OriginateRequest request(CampaignView campaign, Placed call, CallRoute route, boolean amd, Long operatorId) {
        Map<String, String> variables = new HashMap<>();
        if (route instanceof CallRoute.ToOperator && operatorId != null) {
            variables.put("DOZVON_AUTO_ANSWER", operators.autoAnswer(operatorId) ? "yes" : "no");
        }
        variables.put("DOZVON_CONTACT_ID", String.valueOf(call.attempt.contactId()));
        variables.put("DOZVON_CAMPAIGN_ID", String.valueOf(campaign.id()));
        variables.put("DOZVON_ATTEMPT_ID", String.valueOf(call.attempt.id()));
        if (call.connector != null && call.connector.trunk() != null && !call.connector.trunk().isBlank()) {
            variables.put("DOZVON_CONNECTOR", call.connector.trunk());
        }
        String prefix = campaign.settings().numberPrefix();
        String number = prefix == null ? call.attempt.phone() : prefix + call.attempt.phone();
        return new OriginateRequest(CallId.of(call.callId), number, call.callerId,
                properties.ringTimeout(), route, amd, variables);
    }

    // ---------------------------------------------------------------- following calls

    @Override
    public void onCallEvent(CallEvent event) {
        Live call = tracked.get(event.callId().value());
        if (call != null) {
            events.execute(() -> apply(call, event));
        }
    }

    private void apply(Live call, CallEvent event) {
        long id = call.attemptId;
        try {
            if (event instanceof CallEvent.CallAnswered answered) {
                attempts.answered(id, answered.at());
                call.answeredAt = answered.at();
                if (call.waitsForOperator() && !call.amd) {
                    waitForOperator(call, answered.at());
                }
            } else if (event instanceof CallEvent.MachineDetected amd) {
                attempts.machineDetection(id, amd.status().name(), amd.cause());
                if (amd.status() != AmdStatus.MACHINE && call.waitsForOperator()) {
                    waitForOperator(call, amd.at());
                }
            } else if (event instanceof CallEvent.CallBridged bridged) {
                attempts.bridged(id, bridged.at(), bridged.operatorChannel());
                call.held = false;
                boolean first = !call.bridged;
                call.bridged = true;
                // again after a transfer or a hold: the operator now connected is IN_CALL (no-op when it is already)
                operators.bridged(id);
                if (first && call.operatorId != null) {
                    alerts.operatorAnswered(call.operatorId);
                }
                if (first && call.waitingAt != null) {
                    call.pacer.connected(bridged.at(), Duration.between(call.waitingAt, bridged.at()));
                }
            } else if (event instanceof CallEvent.CallEnded ended) {
                end(id, ended.callId().value(), OutcomeCategory.valueOf(ended.outcome().name()), ended.originateReason(),
                        ended.hangupCause(), ended.detail());
            }
        } catch (RuntimeException e) {
            log.warn("Event {} of attempt {} not recorded", event, id, e);
        }
    }

    private void waitForOperator(Live call, Instant at) {
        if (call.waitingAt != null) {
            return;
        }
        call.waitingAt = at;
        attempts.waiting(call.attemptId, at);
        Instant answered = call.answeredAt == null ? at : call.answeredAt;
        call.pacer.waiting(at, Duration.between(call.dialledAt, at), Duration.between(call.dialledAt, answered));
        waiting.put(call.attemptId, call);
        matchWaiting();
    }

    /** Records the end of a call once and hands the outcome to the contact's strategy. */
    private void end(long id, String callId, OutcomeCategory outcome, Integer reason, Integer cause, String detail) {
        Instant at = clock.instant();
        Long campaignId = attempts.ended(id, at, outcome.name(), reason, cause, detail);
        Live call = tracked.remove(callId);
        waiting.remove(id);
        if (campaignId == null) {
            return;
        }
        // a call a supervisor took over has no operator's wrap-up to wait for: its end settles it
        boolean takenOver = call != null && call.takenOver;
        boolean talked = call != null && call.bridged && outcome == OutcomeCategory.ANSWERED && !takenOver;
        if (call != null) {
            if (call.waitingAt == null) {
                call.pacer.ended(at, outcome, Duration.between(call.dialledAt, at),
                        call.answeredAt == null ? null : Duration.between(call.dialledAt, call.answeredAt));
            } else if (!call.bridged) {
                call.pacer.abandoned(at, Duration.between(call.waitingAt, at));
            }
        }
        if (call != null && call.operatorId != null && !call.bridged && call.answeredAt != null) {
            unanswered(call, campaignId, at);
        }
        if (call == null || call.operatorId != null) {
            int wrapUp = call == null ? 0 : call.operatorWrapUp != null ? call.operatorWrapUp : call.dialing.wrapUpSeconds();
            operators.released(id, talked, talked ? at.plusSeconds(wrapUp) : null);
        }
        try {
            publisher.publishEvent(new CallAttemptEnded(id, campaignId, outcome, at, detail));
        } catch (RuntimeException e) {
            log.warn("Listeners of the end of call {} failed", callId, e);
        }
        if (talked) {
            log.debug("Call {} ended; its outcome goes to the strategy after the operator's wrap-up", callId);
            return;
        }
        // taken over: settled as an operator's wrap-up that ran out would be, with the campaign's default code
        String code = takenOver && outcome == OutcomeCategory.ANSWERED ? call.dialing.defaultCode() : null;
        report(id, callId, outcome, code, null);
    }

    /** The call was offered to its operator, whose phone rang until the call ended: long enough, an alert. */
    private void unanswered(Live call, long campaignId, Instant at) {
        try {
            operators.holder(call.attemptId)
                    .filter(seat -> seat.state() == OperatorPool.SeatState.RINGING && seat.since() != null)
                    .filter(seat -> Duration.between(seat.since(), at).compareTo(properties.unansweredRing()) >= 0)
                    .ifPresent(seat -> alerts.operatorNotAnswering(seat.operatorId(), seat.name(), campaignId,
                            call.attemptId, Duration.between(seat.since(), at)));
        } catch (RuntimeException e) {
            log.warn("Alert for the unanswered operator of call {} not raised", call.callId, e);
        }
    }

    /** The end of an operator's wrap-up: the pacer learns the service time, the strategy gets the outcome. */
    @Override
    public void finished(long attemptId, String completionCode, Instant callbackAt) {
        Instant now = clock.instant();
        attempts.talk(attemptId).ifPresent(talk -> {
            CampaignPacer pacer = campaignPacers.get(talk.campaignId());
            if (pacer != null && talk.bridgedAt() != null && talk.endedAt() != null) {
                pacer.operatorFreed(now, Duration.between(talk.bridgedAt(), talk.endedAt()),
                        Duration.between(talk.endedAt(), now));
            }
        });
        report(attemptId, CALL_ID_PREFIX + attemptId, OutcomeCategory.ANSWERED, completionCode, callbackAt);
    }

    private void report(long id, String callId, OutcomeCategory outcome, String completionCode, Instant callbackAt) {
        for (int attempt = 1; ; attempt++) {
            try {
                // a manual call of its own: no strategy waits for it
                if (queue.settleManual(id, outcome, completionCode, clock.instant())) {
                    log.info("Outcome {} of manual call {} settled (no strategy step waits for it)", outcome, callId);
                    return;
                }
                if (!outcomes.report(id, outcome, completionCode, callbackAt)) {
                    log.info("Outcome {} of call {} came after the strategy had settled the attempt", outcome, callId);
                }
                return;
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    log.error("Outcome {} of call {} not handed to the strategy (its safety timer will settle the"
                            + " attempt)", outcome, callId, e);
                    return;
                }
                log.info("Outcome {} of call {}: trying again after {}", outcome, callId, e.toString());
            }
        }
    }

    // ---------------------------------------------------------------- call controls (CallControl)

    /** The live call of an attempt as this node follows it; null when this node does not (or it ended). */
    private Live live(long attemptId) {
        return tracked.get(CALL_ID_PREFIX + attemptId);
    }

    /** Whether this node follows the call and an operator talks on it (only this node's PBX port controls it). */
    boolean talking(long attemptId) {
        Live call = live(attemptId);
        return call != null && call.bridged;
    }

    boolean follows(long attemptId) {
        return live(attemptId) != null;
    }

    long campaignOf(long attemptId) {
        return live(attemptId).campaignId;
    }

    /** The wrap-up time of a call's operator: its own, else the campaign's. */
    int wrapUpSeconds(long attemptId) {
        Live call = live(attemptId);
        if (call == null) {
            return 0;
        }
        return call.operatorWrapUp != null ? call.operatorWrapUp : call.dialing.wrapUpSeconds();
    }

    /** A transfer gave the call to another operator: its wrap-up (time, outcome) is now that operator's. */
    void operatorChanged(long attemptId, long operatorId, String name, Integer wrapUpSeconds) {
        Live call = live(attemptId);
        if (call != null) {
            call.operatorId = operatorId;
            call.operatorWrapUp = wrapUpSeconds;
        }
        attempts.operator(attemptId, operatorId, name);
    }

    /** A supervisor took the call over (true), or the take-over was refused after all (false). */
    void takenOver(long attemptId, boolean takenOver) {
        Live call = live(attemptId);
        if (call != null) {
            call.takenOver = takenOver;
        }
    }

    void held(long attemptId, boolean held) {
        Live call = live(attemptId);
        if (call != null) {
            call.held = held;
        }
    }

    boolean held(long attemptId) {
        Live call = live(attemptId);
        return call != null && call.held;
    }

    /**
     * Places a call from the workplace, outside the queue: its request is DIALING and its attempt written, its
     * operator RINGING (the caller's transaction, committed); the call goes to that operator when answered and its
     * end is followed like any other (wrap-up, strategy or manual settlement).
     */
    boolean placeManual(CampaignView campaign, DialAttempt attempt, String callerId, OperatorPool.Seat operator) {
        String callId = CALL_ID_PREFIX + attempt.id();
        boolean amd = false;
        Live live = new Live(attempt.id(), callId, campaign.id(), campaign.settings().dialing(), amd, lines -> 0,
                clock.instant());
        live.manual = true;
        live.operatorId = operator.operatorId();
        live.operatorWrapUp = operator.wrapUpSeconds();
        tracked.put(callId, live);
        Placed placed = new Placed(attempt, callId, null, callerId);
        try {
            port.originate(request(campaign, placed, new CallRoute.ToOperator(operator.endpoint()), amd,
                    operator.operatorId()));
            attempts.originated(List.of(attempt.id()), clock.instant());
            return true;
        } catch (RuntimeException e) {
            log.warn("Manual call {} to {} not placed: {}", callId, attempt.phone(), e.toString());
            events.execute(() -> end(attempt.id(), callId, OutcomeCategory.FAILED, null, null,
                    "not placed: " + e.getMessage()));
            return false;
        }
    }

    /** Whether the dialer follows calls (it listens to the port); manual calls need it. */
    boolean listening() {
        return events != null && port.connected();
    }

    // ---------------------------------------------------------------- reconciliation

    /**
     * Looks for open calls nobody follows: this node's from an earlier life, and those of nodes silent for three
     * reconciliation intervals (taken over first). The PBX's live calls decide: gone, FAILED "lost"; still live,
     * followed until they vanish. Package-visible for tests.
     */
    void reconcile() {
        synchronized (rounds) {
            reconcileAlone();
        }
    }

    private void reconcileAlone() {
        Instant now = clock.instant();
        attempts.beat(node, now, false);
        Map<String, Long> found = new HashMap<>();
        Instant deadBefore = now.minus(properties.reconcileInterval().multipliedBy(3));
        if (!earlierEndsHandedOver) {
            for (CallAttemptStore.EndedCall call : attempts.endedNotSettled(node, deadBefore, listeningSince)) {
                events.execute(() -> handOver(call));
            }
            earlierEndsHandedOver = true;
        }
        for (CallAttemptStore.OpenCall call : attempts.orphanCandidates(node, deadBefore)) {
            String callId = call.callId();
            if (tracked.containsKey(callId) || orphans.containsKey(callId) || ending.contains(callId)
                    || previews.containsKey(call.id())) {
                continue;
            }
            if (!call.node().equals(node)) {
                if (!attempts.adopt(call.id(), call.node(), node)) {
                    continue;
                }
                log.info("Call {} of node '{}', silent since before {}, taken over", call.callId(), call.node(), deadBefore);
            }
            found.put(call.callId(), call.id());
        }
        if ((found.isEmpty() && orphans.isEmpty()) || !port.connected()) {
            return;
        }
        Set<String> live = new HashSet<>(port.liveCallIds(properties.pbxTimeout()));
        found.forEach((callId, id) -> {
            if (live.contains(callId)) {
                log.info("Call {} (attempt {}) left by an earlier run is still live on the PBX: following it", callId, id);
                orphans.put(callId, id);
            } else {
                log.info("Call {} (attempt {}) left by an earlier run is gone from the PBX: FAILED, lost", callId, id);
                endLater(id, callId, OutcomeCategory.FAILED,
                        "lost: the call was gone from the PBX when Dozvon looked again after a restart");
            }
        });
        for (var orphan : new ArrayList<>(orphans.entrySet())) {
            if (found.containsKey(orphan.getKey()) || live.contains(orphan.getKey())) {
                continue;
            }
            orphans.remove(orphan.getKey());
            long id = orphan.getValue();
            CallAttemptStore.OpenCall call = attempts.openCall(id);
            if (call == null) {
                continue;
            }
            OutcomeCategory outcome = "MACHINE".equals(call.amdStatus()) ? OutcomeCategory.MACHINE
                    : call.answeredAt() != null ? OutcomeCategory.ANSWERED : OutcomeCategory.FAILED;
            log.info("Call {} (attempt {}) followed since a restart has ended: {}", orphan.getKey(), id, outcome);
            endLater(id, orphan.getKey(), outcome,
                    "ended while followed after a restart: outcome from what was recorded before it");
        }
    }

    private void endLater(long id, String callId, OutcomeCategory outcome, String detail) {
        ending.add(callId);
        events.execute(() -> {
            try {
                end(id, callId, outcome, null, null, detail);
            } finally {
                ending.remove(callId);
            }
        });
    }

    /**
     * An end recorded by an earlier run (or a dead node) killed before it reached the strategy, whose request is
     * therefore still DIALING: handed over as recorded.
     */
    private void handOver(CallAttemptStore.EndedCall call) {
        log.info("Call {} (attempt {}) ended {} before a restart without reaching the strategy: handing it over",
                call.callId(), call.id(), call.outcome());
        try {
            outcomes.report(call.id(), OutcomeCategory.valueOf(call.outcome()), null, null);
        } catch (RuntimeException e) {
            log.error("Outcome {} of call {} not handed to the strategy (its safety timer will settle the attempt)",
                    call.outcome(), call.callId(), e);
        }
    }

    /** Calls left by an earlier run (or a dead node) that this node follows because the PBX still has them. */
    int followedAfterRestart() {
        synchronized (rounds) {
            return orphans.size();
        }
    }

    static final class Demand {
        final CampaignView campaign;
        final int live;
        final int weight;
        final int wanted;
        final List<OperatorPool.Seat> seats;
        int granted;

        Demand(CampaignView campaign, int live, int weight, int wanted) {
            this(campaign, live, weight, wanted, List.of());
        }

        Demand(CampaignView campaign, int live, int weight, int wanted, List<OperatorPool.Seat> seats) {
            this.campaign = campaign;
            this.live = live;
            this.weight = weight;
            this.wanted = wanted;
            this.seats = seats;
        }

        double load() {
            return (live + granted) / (double) weight;
        }
    }

    private record Placed(DialAttempt attempt, String callId, Connector connector, String callerId) {
    }

    private record Preview(Placed placed, long campaignId) {
    }

    /** A call this node placed, as its events make it known. */
    private static final class Live {
        final long attemptId;
        final String callId;
        final long campaignId;
        final CampaignDialing dialing;
        final boolean amd;
        final CampaignPacer pacer;
        final Instant dialledAt;
        volatile Instant answeredAt;
        volatile Instant waitingAt;
        volatile boolean bridged;
        volatile Long operatorId;
        volatile Integer operatorWrapUp;
        /** Placed from the workplace outside the queue: goes to its operator, never waits for another. */
        volatile boolean manual;
        /** On hold (call controls) until an operator is connected again. */
        volatile boolean held;
        /** Taken over by a supervisor: settled when it ends, not by a wrap-up. */
        volatile boolean takenOver;

        Live(long attemptId, String callId, long campaignId, CampaignDialing dialing, boolean amd, CampaignPacer pacer,
             Instant dialledAt) {
            this.attemptId = attemptId;
            this.callId = callId;
            this.campaignId = campaignId;
            this.dialing = dialing;
            this.amd = amd;
            this.pacer = pacer;
            this.dialledAt = dialledAt;
        }

        /** Progressive and predictive: an answered person waits until an operator is connected. */
        boolean waitsForOperator() {
            return !manual && dialing.mode() == DialingMode.PROGRESSIVE || dialing.mode() == DialingMode.PREDICTIVE;
        }
    }
}
