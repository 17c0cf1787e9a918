package org.dozvon.telephony.ami;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.action.RedirectAction;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.lang.Nullable;

import org.dozvon.telephony.AmdStatus;
import org.dozvon.telephony.CallEvent;
import org.dozvon.telephony.CallEventListener;
import org.dozvon.telephony.CallId;
import org.dozvon.telephony.CallOutcome;
import org.dozvon.telephony.CallRoute;
import org.dozvon.telephony.DeviceState;
import org.dozvon.telephony.Endpoints;
import org.dozvon.telephony.OriginateRequest;
import org.dozvon.telephony.PbxPort;
import org.dozvon.telephony.PbxUnavailableException;
import org.dozvon.telephony.SpyMode;

/**
 * The PBX port over Asterisk's AMI with Asterisk-Java's raw manager API (not its live API). It keeps
 * its own state per call, keyed by the call id that is the customer channel's {@code ChannelId} and the
 * {@code Linkedid} of every channel of the call.
 *
 * <p>Threads: Asterisk-Java's reader thread only puts events into this adapter's queue; one event
 * thread of its own applies them in order and calls the listeners; a scheduler thread pings
 * ({@code keepAlive}), retries the first login, and looks for calls the PBX forgot. Asterisk-Java
 * reconnects by itself after the connection drops (a read timeout of three keep-alive intervals notices
 * a silent peer); after every re-login the adapter asks {@code CoreShowChannels} and reconciles.
 *
 * <p>Phones: the adapter keeps the last {@code DeviceStateChange} of every device; after every login it asks
 * {@code DeviceStateList} so that the map starts full, and it forgets them all when the connection drops.
 */
public final class AmiPbxAdapter implements PbxPort, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AmiPbxAdapter.class);

    /** How long after the ring timeout a call without an OriginateResponse and channels is given up. */
    private static final Duration ORIGINATE_GRACE = Duration.ofSeconds(30);

    /** How long a supervisor's phone rings for a listen, whisper or barge. */
    static final Duration SPY_RING_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Where and how to reach Asterisk, and the dialplan contract's names.
     *
     * @param dialString      template with {@code {number}}
     * @param dialplanContext the context answered calls enter (extension {@code s})
     */
    public record Settings(String host, int port, String username, String password, String dialString,
                           String dialplanContext, Duration keepAlive, Duration responseTimeout) {
        public Settings {
            Objects.requireNonNull(host, "host");
            new DialStringTemplate(dialString);
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final DialStringTemplate dialStrings;
    private final ManagerConnection connection;
    private final ExecutorService events;
    private final ScheduledExecutorService scheduler;
    private final Map<CallId, TrackedCall> calls = new ConcurrentHashMap<>();
    private final List<CallEventListener> listeners = new CopyOnWriteArrayList<>();
    /** Supervisors' ChanSpy legs by their channel id: never part of a call, whatever their Linkedid says. */
    private final Map<String, SpyLeg> spyLegs = new ConcurrentHashMap<>();
    private final AtomicInteger spySequence = new AtomicInteger();
    /** The phones' last states (written on the event thread, read by any). */
    private final Map<String, DeviceState> deviceStates = new ConcurrentHashMap<>();
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile boolean everConnected;
    /** Counts logins; a call remembers the one it was originated under. */
    private volatile int connectionNumber;

    public AmiPbxAdapter(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.dialStrings = new DialStringTemplate(settings.dialString());
        this.events = Executors.newSingleThreadExecutor(daemon("dozvon-ami-events"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("dozvon-ami-keepalive"));
        this.connection = new ManagerConnectionFactory(settings.host(), settings.port(), settings.username(),
                settings.password()).createManagerConnection();
        this.connection.setSocketReadTimeout((int) Math.min(Integer.MAX_VALUE, settings.keepAlive().toMillis() * 3));
        this.connection.registerUserEventClass(AmdResultEvent.class);
        this.connection.registerUserEventClass(ListedDeviceStateChangeEvent.class);
        this.connection.registerUserEventClass(DeviceStateListCompleteEvent.class);
        ExecutorService queue = this.events;
        this.connection.addEventListener(event -> {
            if (!closed) {
                queue.execute(() -> onEvent(event));
            }
        });
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Logs in (retrying in the background until it can) and starts the keep-alive. Returns at once. */
    public AmiPbxAdapter start() {
        scheduler.execute(this::firstLogin);
        long interval = settings.keepAlive().toMillis();
        scheduler.scheduleWithFixedDelay(this::keepAlive, interval, interval, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Waits until the adapter is logged in; for start-up checks and tests. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!connected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return connected;
    }

    private void firstLogin() {
        if (closed) {
            return;
        }
        try {
            connection.login();
        } catch (Exception e) {
            log.warn("AMI login to {}:{} failed ({}); trying again", settings.host(), settings.port(), e.toString());
            long retry = Math.min(settings.keepAlive().toMillis(), 5000);
            scheduler.schedule(this::firstLogin, retry, TimeUnit.MILLISECONDS);
        }
    }

    private void keepAlive() {
        if (closed || connection.getState() != ManagerConnectionState.CONNECTED) {
            return;
        }
        try {
            connection.sendAction(new PingAction(), response -> { });
        } catch (Exception e) {
            log.debug("AMI ping not sent: {}", e.toString());
        }
        events.execute(this::giveUpForgottenCalls);
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        try {
            if (connection.getState() == ManagerConnectionState.CONNECTED
                    || connection.getState() == ManagerConnectionState.RECONNECTING) {
                connection.logoff();
            }
        } catch (RuntimeException e) {
            log.debug("AMI logoff: {}", e.toString());
        }
        events.shutdown();
        try {
            events.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.shutdownNow();
        deviceStates.clear();
    }

    // ---------------------------------------------------------------- the port

    @Override
    public void originate(OriginateRequest request) {
        TrackedCall call = new TrackedCall(request, clock.instant(), connectionNumber);
        if (calls.putIfAbsent(request.callId(), call) != null) {
            throw new IllegalStateException("Call " + request.callId() + " is still in progress");
        }
        OriginateAction action;
        try {
            action = originateAction(request);
        } catch (IllegalArgumentException e) {
            events.execute(() -> end(call, CallOutcome.FAILED, null, e.getMessage()));
            return;
        }
        send(action, response -> {
            if (response instanceof ManagerError) {
                events.execute(() -> end(call, CallOutcome.FAILED, null,
                        "Asterisk refused the originate: " + response.getMessage()));
            }
        }, failure -> end(call, CallOutcome.FAILED, null, failure));
    }

    private OriginateAction originateAction(OriginateRequest request) {
        OriginateAction action = new OriginateAction();
        action.setChannel(dialStrings.dialString(request.number()));
        action.setChannelId(request.callId().value());
        action.setTimeout(request.ringTimeout().toMillis());
        action.setAsync(true);
        if (request.callerId() != null && !request.callerId().isBlank()) {
            action.setCallerId(request.callerId());
        }
        action.setContext(settings.dialplanContext());
        action.setExten("s");
        action.setPriority(1);
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("DOZVON_CALL_ID", request.callId().value());
        variables.put("DOZVON_ROUTE", request.route().extension());
        variables.put("DOZVON_AMD", request.detectMachine() ? "yes" : "no");
        if (request.route() instanceof CallRoute.ToOperator toOperator) {
            variables.put("DOZVON_OPERATOR", toOperator.operatorEndpoint());
        }
        if (request.route() instanceof CallRoute.WaitForOperator wait) {
            variables.put("DOZVON_MAX_WAIT", String.valueOf(Math.max(1, wait.maxWait().toSeconds())));
        }
        variables.putAll(request.variables());
        variables.values().forEach(value -> {
            if (value.contains("\r") || value.contains("\n") || value.contains(",")) {
                throw new IllegalArgumentException("A channel variable's value cannot hold a comma or a line break: "
                        + value);
            }
        });
        action.setVariables(variables);
        return action;
    }

    @Override
    public void hangUp(CallId callId) {
        events.execute(() -> {
            TrackedCall call = calls.get(callId);
            if (call == null || call.ended) {
                return;
            }
            call.hungUpByDozvon = true;
            if (call.customerChannel == null) {
                call.hangUpWanted = true;
            } else {
                sendHangup(call);
            }
        });
    }

    private void sendHangup(TrackedCall call) {
        send(new HangupAction(call.customerChannel, 16), response -> { }, failure ->
                log.warn("Hang-up of call {} not sent: {}", call.id, failure));
    }

    @Override
    public void redirect(CallId callId, String context, String extension, int priority) {
        events.execute(() -> {
            TrackedCall call = calls.get(callId);
            if (call == null || call.ended || call.customerChannel == null) {
                log.warn("Redirect of call {}: no such call in progress", callId);
                return;
            }
            send(new RedirectAction(call.customerChannel, context, extension, priority), response -> {
                if (response instanceof ManagerError) {
                    log.warn("Redirect of call {} refused: {}", callId, response.getMessage());
                }
            }, failure -> log.warn("Redirect of call {} not sent: {}", callId, failure));
        });
    }

    @Override
    public void connectToOperator(CallId callId, String operatorEndpoint) {
        connectToOperator(callId, operatorEndpoint, null);
    }

    @Override
    public void connectToOperator(CallId callId, String operatorEndpoint, boolean autoAnswer) {
        connectToOperator(callId, operatorEndpoint, (Boolean) autoAnswer);
    }

    @Override
    public void hold(CallId callId) {
        redirect(callId, settings.dialplanContext(), "hold", 1);
    }

    /** One supervisor's ChanSpy leg; its channel is known once its Newchannel arrived (event thread only). */
    private static final class SpyLeg {
        final CallId callId;
        final SpyMode mode;
        final String endpoint;
        /** The login it was originated under. */
        final int connection;
        @Nullable String channel;

        SpyLeg(CallId callId, SpyMode mode, String endpoint, int connection) {
            this.callId = callId;
            this.mode = mode;
            this.endpoint = endpoint;
            this.connection = connection;
        }
    }

    @Override
    public void spy(CallId callId, String supervisorEndpoint, SpyMode mode) {
        Objects.requireNonNull(mode, "mode");
        if (!Endpoints.valid(supervisorEndpoint)) {
            throw new IllegalArgumentException("Not a phone the PBX can dial: " + supervisorEndpoint);
        }
        events.execute(() -> {
            TrackedCall call = calls.get(callId);
            if (call == null || call.ended || call.bridgedTo == null) {
                log.warn("{} of call {} for {} not sent: the call is not bridged to an operator", mode, callId,
                        supervisorEndpoint);
                return;
            }
            String spyId = callId.value() + "-spy" + spySequence.incrementAndGet();
            spyLegs.put(spyId, new SpyLeg(callId, mode, supervisorEndpoint, connectionNumber));
            send(spyAction(spyId, callId, call.bridgedTo, supervisorEndpoint, mode), response -> {
                if (response instanceof ManagerError) {
                    spyLegs.remove(spyId);
                    log.warn("{} of call {} for {} refused: {}", mode, callId, supervisorEndpoint, response.getMessage());
                }
            }, failure -> {
                spyLegs.remove(spyId);
                log.warn("{} of call {} for {} not sent: {}", mode, callId, supervisorEndpoint, failure);
            });
            log.info("{} of call {}: {} rung into ChanSpy on {} (channel id {})", mode, callId, supervisorEndpoint,
                    call.bridgedTo, spyId);
        });
    }

    /**
     * The supervisor's phone originated into {@code ChanSpy(<operator channel>,<options>)} with a channel id of its
     * own ({@code <call id>-spy<n>}), so that its channel's Uniqueid and Linkedid are not the call's.
     */
    private static OriginateAction spyAction(String spyId, CallId callId, String operatorChannel, String endpoint,
                                             SpyMode mode) {
        OriginateAction action = new OriginateAction();
        action.setChannel(endpoint);
        action.setChannelId(spyId);
        action.setTimeout(SPY_RING_TIMEOUT.toMillis());
        action.setAsync(true);
        action.setCallerId("\"Dozvon " + mode.name().toLowerCase(java.util.Locale.ROOT) + "\" <" + callId.value() + ">");
        action.setApplication("ChanSpy");
        action.setData(operatorChannel + "," + chanSpyOptions(mode));
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("DOZVON_SPY_CALL_ID", callId.value());
        variables.put("DOZVON_SPY_MODE", mode.name().toLowerCase(java.util.Locale.ROOT));
        action.setVariables(variables);
        return action;
    }

    /**
     * ChanSpy's options: {@code q} (no beep, no channel name spoken to the supervisor) and {@code E} (leave when the
     * spied-on channel hangs up, instead of waiting for another channel of that name) always; {@code w} whispers to
     * the spied-on channel (the operator), {@code B} barges in on both parties of its bridge.
     */
    static String chanSpyOptions(SpyMode mode) {
        return switch (mode) {
            case LISTEN -> "qE";
            case WHISPER -> "qEw";
            case BARGE -> "qEB";
        };
    }

    private void connectToOperator(CallId callId, String operatorEndpoint, @Nullable Boolean autoAnswer) {
        events.execute(() -> {
            TrackedCall call = calls.get(callId);
            if (call == null || call.ended || call.customerChannel == null) {
                log.warn("Connecting call {} to {}: no such call in progress", callId, operatorEndpoint);
                return;
            }
            call.operatorExpected = true;
            String channel = call.customerChannel;
            send(new SetVarAction(channel, "DOZVON_OPERATOR", operatorEndpoint), response -> { },
                    failure -> log.warn("Setvar for call {} not sent: {}", callId, failure));
            if (autoAnswer != null) {
                send(new SetVarAction(channel, "DOZVON_AUTO_ANSWER", autoAnswer ? "yes" : "no"), response -> { },
                        failure -> log.warn("Setvar for call {} not sent: {}", callId, failure));
            }
            send(new RedirectAction(channel, settings.dialplanContext(), "operator", 1), response -> {
                if (response instanceof ManagerError) {
                    log.warn("Connecting call {} to {} refused: {}", callId, operatorEndpoint, response.getMessage());
                }
            }, failure -> log.warn("Redirect of call {} not sent: {}", callId, failure));
        });
    }

    @Override
    public void addListener(CallEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(CallEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public Set<CallId> callsInProgress() {
        return Set.copyOf(calls.keySet());
    }

    @Override
    public Map<String, DeviceState> deviceStates() {
        return connected ? Map.copyOf(deviceStates) : Map.of();
    }

    @Override
    public Set<String> liveCallIds(Duration timeout) {
        Set<String> ids = new HashSet<>();
        for (CoreShowChannelEvent channel : liveChannels(timeout)) {
            ids.add(channel.getLinkedid() == null ? channel.getUniqueid() : channel.getLinkedid());
        }
        return ids;
    }

    private List<CoreShowChannelEvent> liveChannels(Duration timeout) {
        if (!connected) {
            throw new PbxUnavailableException("The PBX is not connected");
        }
        try {
            ResponseEvents answer = connection.sendEventGeneratingAction(new CoreShowChannelsAction(),
                    timeout.toMillis());
            return answer.getEvents().stream().filter(CoreShowChannelEvent.class::isInstance)
                    .map(CoreShowChannelEvent.class::cast).toList();
        } catch (Exception e) {
            throw new PbxUnavailableException("CoreShowChannels failed: " + e, e);
        }
    }

    private interface Failure {
        void failed(String why);
    }

    /** Sends without waiting; a failure to send is handled on the event thread. */
    private void send(ManagerAction action, org.asteriskjava.manager.SendActionCallback callback, Failure failure) {
        if (!connected) {
            events.execute(() -> failure.failed("the PBX is not connected"));
            return;
        }
        try {
            connection.sendAction(action, callback);
        } catch (IOException | RuntimeException e) {
            events.execute(() -> failure.failed("AMI action " + action.getAction() + " not sent: " + e));
        }
    }

    // ---------------------------------------------------------------- events (event thread only)

    private void onEvent(ManagerEvent event) {
        try {
            if (event instanceof ConnectEvent) {
                onConnected();
            } else if (event instanceof DisconnectEvent) {
                connected = false;
                deviceStates.clear();
                log.warn("AMI connection to {}:{} lost; Asterisk-Java reconnects", settings.host(), settings.port());
            } else if (event instanceof NewChannelEvent e) {
                onNewChannel(e.getLinkedid(), e.getUniqueId(), e.getChannel());
            } else if (event instanceof NewStateEvent e) {
                onNewState(e.getLinkedId(), e.getUniqueId(), e.getChannelState());
            } else if (event instanceof OriginateResponseEvent e) {
                onOriginateResponse(e);
            } else if (event instanceof AmdResultEvent e) {
                onAmdResult(e);
            } else if (event instanceof BridgeEnterEvent e) {
                onBridgeEnter(e.getLinkedId(), e.getUniqueId(), e.getBridgeUniqueId(), e.getChannel());
            } else if (event instanceof BridgeLeaveEvent e) {
                onBridgeLeave(e.getLinkedId(), e.getUniqueId());
            } else if (event instanceof HangupEvent e) {
                onHangup(e.getLinkedId(), e.getUniqueId(), e.getCause());
            } else if (event instanceof DeviceStateChangeEvent e) {
                onDeviceState(e.getDevice(), e.getState());
            } else if (event instanceof DeviceStateListCompleteEvent e) {
                log.info("AMI device states: {} listed, {} known", e.getListItems(), deviceStates.size());
            }
        } catch (RuntimeException e) {
            log.error("AMI event not applied: {}", event, e);
        }
    }

    @Nullable
    private TrackedCall call(@Nullable String linkedid, @Nullable String uniqueid) {
        String key = linkedid != null && !linkedid.isEmpty() ? linkedid : uniqueid;
        if (key == null) {
            return null;
        }
        int semicolon = key.indexOf(';');
        if (semicolon > 0) {
            key = key.substring(0, semicolon);
        }
        if (!spyLegs.isEmpty() && uniqueid != null && spyLegs.containsKey(base(uniqueid))) {
            return null; // a supervisor's ChanSpy leg, even should the PBX give it the spied call's Linkedid
        }
        try {
            TrackedCall call = calls.get(CallId.of(key));
            return call == null || call.ended ? null : call;
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    private static String base(String uniqueid) {
        int semicolon = uniqueid.indexOf(';');
        return semicolon > 0 ? uniqueid.substring(0, semicolon) : uniqueid;
    }

    private void onConnected() {
        boolean reconnect = everConnected;
        everConnected = true;
        connectionNumber++;
        connected = true;
        log.info("AMI logged in to {}:{}{}", settings.host(), settings.port(), reconnect ? " again" : "");
        askDeviceStates(); // the map was emptied when the connection dropped
        if (!calls.isEmpty() || !spyLegs.isEmpty()) {
            reconcile();
        }
    }

    /**
     * {@code DeviceStateList}: its DeviceStateChange events come through this thread's queue like any other. An
     * Asterisk older than 13 or one without {@code res_manager_devicestate} refuses it; the phones are then known
     * from their changes only.
     */
    private void askDeviceStates() {
        send(new DeviceStateListAction(), response -> {
            if (response instanceof ManagerError) {
                log.warn("AMI DeviceStateList refused ({}): phones' states are known only once they change",
                        response.getMessage());
            }
        }, failure -> log.warn("AMI DeviceStateList not sent: {}", failure));
    }

    /** UNKNOWN (or a word Dozvon does not know) leaves the device out: absent means unknown. */
    private void onDeviceState(@Nullable String device, @Nullable String state) {
        if (device == null || device.isBlank()) {
            return;
        }
        DeviceState parsed = DeviceState.parse(state);
        if (parsed == DeviceState.UNKNOWN) {
            deviceStates.remove(device);
        } else {
            deviceStates.put(device, parsed);
        }
    }

    private void onNewChannel(String linkedid, String uniqueid, String channel) {
        SpyLeg spy = uniqueid == null ? null : spyLegs.get(uniqueid);
        if (spy != null) {
            spy.channel = channel;
            if (!calls.containsKey(spy.callId)) {
                hangUpSpyLeg(spy); // the call ended while the supervisor's phone was being originated
            }
            return;
        }
        TrackedCall call = call(linkedid, uniqueid);
        if (call == null || uniqueid == null) {
            return;
        }
        call.channels.put(uniqueid, channel);
        if (call.isCustomer(uniqueid)) {
            call.customerChannel = channel;
            if (call.hangUpWanted) {
                call.hangUpWanted = false;
                sendHangup(call);
            }
        }
    }

    private void onNewState(String linkedid, String uniqueid, Integer state) {
        TrackedCall call = call(linkedid, uniqueid);
        if (call == null || state == null || !call.isCustomer(uniqueid)) {
            return;
        }
        if (state == 5) {
            ringing(call);
        } else if (state == 6) {
            answered(call);
        }
    }

    private void ringing(TrackedCall call) {
        if (!call.ringing && !call.answered) {
            call.ringing = true;
            publish(new CallEvent.CallRinging(call.id, clock.instant()));
        }
    }

    private void answered(TrackedCall call) {
        if (!call.answered) {
            call.answered = true;
            publish(new CallEvent.CallAnswered(call.id, clock.instant()));
        }
    }

    private void onOriginateResponse(OriginateResponseEvent event) {
        SpyLeg spy = event.getUniqueId() == null ? null : spyLegs.get(event.getUniqueId());
        if (spy != null) {
            if (!event.isSuccess() && (event.getReason() == null || event.getReason() != 4)) {
                spyLegs.remove(event.getUniqueId());
                log.warn("{} of call {}: the phone {} did not answer (reason {})", spy.mode, spy.callId,
                        spy.endpoint, event.getReason());
            }
            return;
        }
        TrackedCall call = call(null, event.getUniqueId());
        if (call == null) {
            return;
        }
        call.originateReason = event.getReason() == null ? 0 : event.getReason();
        if (event.isSuccess() || call.originateReason == 4) {
            answered(call);
        }
        endIfOver(call);
    }

    private void onAmdResult(AmdResultEvent event) {
        TrackedCall call = call(event.getLinkedid(), event.getUniqueId());
        if (call == null || call.amd != null) {
            return;
        }
        call.amd = AmdStatus.parse(event.getStatus());
        publish(new CallEvent.MachineDetected(call.id, clock.instant(), call.amd,
                event.getCause() == null ? "" : event.getCause()));
    }

    private void onBridgeEnter(String linkedid, String uniqueid, String bridgeId, String channel) {
        TrackedCall call = call(linkedid, uniqueid);
        if (call == null || uniqueid == null || bridgeId == null) {
            return;
        }
        call.bridges.put(uniqueid, bridgeId);
        if (channel != null) {
            call.channels.putIfAbsent(uniqueid, channel);
        }
        bridgedIfTogether(call);
    }

    /** The customer is bridged when it shares a bridge with another channel of the call (not its own ;2). */
    private void bridgedIfTogether(TrackedCall call) {
        String customerBridge = call.bridges.get(call.id.value());
        if (customerBridge == null) {
            return;
        }
        for (Map.Entry<String, String> entry : call.bridges.entrySet()) {
            String uniqueid = entry.getKey();
            if (customerBridge.equals(entry.getValue()) && !call.isCustomer(uniqueid)
                    && !uniqueid.equals(call.farUniqueid)) {
                String operator = call.channels.getOrDefault(uniqueid, uniqueid);
                if (!operator.equals(call.bridgedTo)) {
                    call.bridgedTo = operator;
                    call.everBridged = true;
                    answered(call);
                    publish(new CallEvent.CallBridged(call.id, clock.instant(), operator));
                }
                return;
            }
        }
    }

    private void onBridgeLeave(String linkedid, String uniqueid) {
        TrackedCall call = call(linkedid, uniqueid);
        if (call == null || uniqueid == null) {
            return;
        }
        call.bridges.remove(uniqueid);
        if (call.isCustomer(uniqueid) || Objects.equals(call.channels.get(uniqueid), call.bridgedTo)) {
            call.bridgedTo = null;
        }
    }

    private void onHangup(String linkedid, String uniqueid, Integer cause) {
        if (uniqueid != null && spyLegs.remove(uniqueid) != null) {
            log.debug("Supervisor leg {} ended", uniqueid);
            return;
        }
        TrackedCall call = call(linkedid, uniqueid);
        if (call == null || uniqueid == null) {
            return;
        }
        call.causes.put(uniqueid, cause == null ? 0 : cause);
        call.channels.remove(uniqueid);
        call.bridges.remove(uniqueid);
        endIfOver(call);
    }

    /** A call is over when Asterisk said how the originate went and no channel of it is left. */
    private void endIfOver(TrackedCall call) {
        if (call.originateReason != null && call.channels.isEmpty()) {
            OutcomeRules.Verdict verdict = OutcomeRules.classify(call.originateReason, call.answered, call.farCause(),
                    call.amd, call.everBridged, call.operatorExpected, call.hungUpByDozvon);
            end(call, verdict.outcome(), call.originateReason, verdict.detail());
        }
    }

    private void end(TrackedCall call, CallOutcome outcome, @Nullable Integer reason, String detail) {
        if (call.ended) {
            return;
        }
        call.ended = true;
        calls.remove(call.id, call);
        spyLegs.values().stream().filter(spy -> spy.callId.equals(call.id) && spy.channel != null)
                .forEach(this::hangUpSpyLeg);
        publish(new CallEvent.CallEnded(call.id, clock.instant(), outcome, reason, call.farCause(), detail));
    }

    /**
     * A supervisor's leg of a call that ended goes too: ChanSpy's {@code E} ends it when the operator's channel hangs
     * up, but not when the supervisor answers after that (ChanSpy would wait for the channel in silence).
     */
    private void hangUpSpyLeg(SpyLeg spy) {
        send(new HangupAction(spy.channel, 16), response -> { }, failure ->
                log.debug("Hang-up of the supervisor leg {} not sent: {}", spy.channel, failure));
    }

    /** After a (re)login: what the PBX has now replaces what the adapter believed about its calls. */
    private void reconcile() {
        List<CoreShowChannelEvent> live;
        try {
            live = liveChannels(settings.responseTimeout());
        } catch (PbxUnavailableException e) {
            log.warn("Reconciliation after the AMI login failed: {}", e.getMessage());
            return;
        }
        Set<String> liveUniqueids = new HashSet<>();
        live.forEach(channel -> liveUniqueids.add(channel.getUniqueid()));
        spyLegs.entrySet().removeIf(spy -> spy.getValue().connection != connectionNumber
                && !liveUniqueids.contains(spy.getKey()));
        Map<String, List<CoreShowChannelEvent>> byCall = new HashMap<>();
        for (CoreShowChannelEvent channel : live) {
            String key = channel.getLinkedid() == null ? channel.getUniqueid() : channel.getLinkedid();
            byCall.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(channel);
        }
        int ended = 0;
        for (TrackedCall call : List.copyOf(calls.values())) {
            List<CoreShowChannelEvent> channels = byCall.get(call.id.value());
            if (call.connection == connectionNumber) {
                continue; // originated since this login: its channels may not exist yet
            }
            if (channels == null) {
                OutcomeRules.Verdict verdict = call.answered || call.originateReason != null
                        ? OutcomeRules.classify(call.originateReason, call.answered, call.farCause(), call.amd,
                        call.everBridged, call.operatorExpected, call.hungUpByDozvon)
                        : new OutcomeRules.Verdict(CallOutcome.FAILED, "not answered before the connection broke");
                end(call, verdict.outcome(), call.originateReason,
                        verdict.detail() + "; the call ended while the AMI connection was down");
                ended++;
                continue;
            }
            call.channels.clear();
            call.bridges.clear();
            for (CoreShowChannelEvent channel : channels) {
                call.channels.put(channel.getUniqueid(), channel.getChannel());
                if (channel.getBridgeid() != null && !channel.getBridgeid().isEmpty()) {
                    call.bridges.put(channel.getUniqueid(), channel.getBridgeid());
                }
                if (call.isCustomer(channel.getUniqueid())) {
                    call.customerChannel = channel.getChannel();
                    Integer state = channel.getChannelState();
                    if (state != null && state == 6) {
                        answered(call);
                        if (call.originateReason == null) {
                            call.originateReason = 4;
                        }
                    } else if (state != null && state == 5) {
                        ringing(call);
                    }
                }
            }
            bridgedIfTogether(call);
        }
        log.info("Reconciled {} calls with CoreShowChannels: {} still on the PBX, {} ended meanwhile",
                calls.size() + ended, calls.size(), ended);
    }

    /** Calls that got neither an OriginateResponse nor a channel long after their ring timeout. */
    private void giveUpForgottenCalls() {
        if (!connected) {
            return;
        }
        Instant now = clock.instant();
        for (TrackedCall call : List.copyOf(calls.values())) {
            if (call.originateReason == null && call.channels.isEmpty()
                    && call.startedAt.plus(call.request.ringTimeout()).plus(ORIGINATE_GRACE).isBefore(now)) {
                end(call, CallOutcome.FAILED, null, "no OriginateResponse from the PBX");
            }
        }
    }

    private void publish(CallEvent event) {
        for (CallEventListener listener : listeners) {
            try {
                listener.onCallEvent(event);
            } catch (RuntimeException e) {
                log.error("A call event listener failed on {}", event, e);
            }
        }
    }
}
