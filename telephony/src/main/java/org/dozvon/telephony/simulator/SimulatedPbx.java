package org.dozvon.telephony.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.lang.Nullable;

import org.dozvon.telephony.DeviceState;
import org.dozvon.telephony.TelephonyProperties;

/**
 * The simulated Asterisk: channels, calls and the orders of events that Asterisk 22 produces for each
 * outcome (see {@code docs/telephony.md} and the transcripts in the tests' resources). Everything runs
 * on one thread, so events go out in one order to every client.
 */
final class SimulatedPbx {

    private static final Logger log = LoggerFactory.getLogger(SimulatedPbx.class);

    /** What the far end does. The keywords make a number force an outcome (tests, demos). */
    enum Outcome {
        ANSWER, BUSY, NOANSWER, REJECT, CONGESTION, MACHINE, UNALLOCATED, NOSUCHEXTEN, HUMAN;

        @Nullable
        static Outcome forced(String number) {
            for (Outcome outcome : values()) {
                if (outcome.name().equalsIgnoreCase(number)) {
                    return outcome;
                }
            }
            return null;
        }
    }

    interface Client {
        boolean loggedIn();

        void loggedIn(boolean value);

        @Nullable
        String challenge();

        void challenge(String value);

        void send(AmiMessage message);

        void close();
    }

    /** One Asterisk channel. */
    static final class Channel {
        final String name;
        final String uniqueid;
        final String linkedid;
        int state;
        String context;
        String exten;
        int priority = 1;
        String callerNum = "<unknown>";
        String callerName = "<unknown>";
        String application = "";
        String applicationData = "";
        @Nullable String bridgeId;
        boolean hungUp;
        /** The phone this channel is a leg of, for operators' and supervisors' legs (near half): its device. */
        @Nullable String device;
        final long createdNanos = System.nanoTime();

        Channel(String name, String uniqueid, String linkedid, int state, String context, String exten) {
            this.name = name;
            this.uniqueid = uniqueid;
            this.linkedid = linkedid;
            this.state = state;
            this.context = context;
            this.exten = exten;
        }
    }

    /** One side of a call: a Local channel pair (;1 near, ;2 far) or one channel (near == far). */
    record Leg(Channel near, Channel far, String dialString) {
        boolean local() {
            return near != far;
        }

        List<Channel> channels() {
            return local() ? List.of(near, far) : List.of(near);
        }
    }

    /** One originated call and where it stands. */
    static final class Call {
        final String actionId;
        final String linkedid;
        final Leg customer;
        final Outcome outcome;
        final Map<String, String> variables;
        final AmiMessage originate;
        @Nullable Leg operator;
        @Nullable String bridgeId;
        boolean answered;
        boolean over;
        @Nullable ScheduledFuture<?> next;
        /** A supervisor's ChanSpy leg: the channel name it was given (the "customer" leg is the supervisor's phone). */
        @Nullable String spyTarget;
        /** ChanSpy's options of a supervisor's leg. */
        String spyOptions = "";
        /** The channel a supervisor's leg spies on now. */
        @Nullable Channel spied;

        Call(String actionId, String linkedid, Leg customer, Outcome outcome, Map<String, String> variables,
             AmiMessage originate) {
            this.actionId = actionId;
            this.linkedid = linkedid;
            this.customer = customer;
            this.outcome = outcome;
            this.variables = variables;
            this.originate = originate;
        }

        List<Channel> channels() {
            List<Channel> channels = new ArrayList<>(customer.channels());
            if (operator != null) {
                channels.addAll(operator.channels());
            }
            return channels;
        }
    }

    /** A phone of Dozvon's users the simulator knows of (registered, or dialled once). PBX thread only. */
    private static final class Device {
        boolean registered = true;
        /** The live legs of calls to this phone (their near channels). */
        final List<Channel> legs = new ArrayList<>();
        /** The state last reported in a DeviceStateChange. */
        @Nullable DeviceState reported;

        DeviceState state() {
            if (!registered) {
                return DeviceState.UNAVAILABLE;
            }
            if (legs.stream().anyMatch(leg -> leg.state == 6)) {
                return DeviceState.INUSE;
            }
            return legs.isEmpty() ? DeviceState.NOT_INUSE : DeviceState.RINGING;
        }
    }

    private static final String[] STATE_NAMES = {"Down", "Rsrvd", "OffHook", "Dialing", "Ring", "Ringing", "Up",
            "Busy"};

    private final TelephonyProperties.Simulator settings;
    private final String username;
    private final String secret;
    private final Supplier<? extends List<? extends Client>> clients;
    private final ScheduledExecutorService thread;
    private final SplittableRandom random;
    private final Map<String, Call> calls = new LinkedHashMap<>();
    private final long bootEpochSeconds = System.currentTimeMillis() / 1000;
    private int channelSequence;
    private int uniqueSequence;
    /** While set, every customer answers and stays on the line until Dozvon ends or moves the call (call controls). */
    private volatile boolean customersStay;
    /** The operator phones dialled with DOZVON_AUTO_ANSWER=yes, in order (a real phone would answer by itself). */
    private final List<String> autoAnswered = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Originate actions received per ChannelId, kept for the life of the simulator (tests count double dials). */
    private final Map<String, Integer> originates = new java.util.concurrent.ConcurrentHashMap<>();
    /** The ChanSpy originates received, in order. */
    private final List<SpyRequest> spies = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The phones known, by device name, in the order they became known (DeviceStateList's order). */
    private final Map<String, Device> devices = new LinkedHashMap<>();

    SimulatedPbx(TelephonyProperties.Simulator settings, String username, String secret,
                 Supplier<? extends List<? extends Client>> clients) {
        this.settings = settings;
        this.username = username;
        this.secret = secret;
        this.clients = clients;
        this.random = new SplittableRandom(settings.seed());
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread pbxThread = new Thread(runnable, "ami-simulator-pbx");
            pbxThread.setDaemon(true);
            return pbxThread;
        });
    }

    void submit(Runnable task) {
        if (!thread.isShutdown()) {
            thread.execute(guarded(task));
        }
    }

    void close() {
        thread.shutdownNow();
    }

    void customersStay(boolean stay) {
        customersStay = stay;
    }

    List<String> autoAnswered() {
        return List.copyOf(autoAnswered);
    }

    Map<String, Integer> originates() {
        return Map.copyOf(originates);
    }

    List<SpyRequest> spies() {
        return List.copyOf(spies);
    }

    /** The channel a supervisor's leg spies on now (ChanSpy started, not stopped); null when none. */
    @Nullable
    String spiedBy(String spyChannelId) {
        try {
            return thread.submit(() -> {
                Call call = calls.get(spyChannelId);
                return call == null || call.over || call.spied == null ? null : call.spied.name;
            }).get();
        } catch (Exception e) {
            return null;
        }
    }

    /** The customer of a call in progress puts the phone down now; false when no such call is in progress. */
    boolean customerHangsUp(String linkedid) {
        try {
            return thread.submit(() -> {
                Call call = calls.get(linkedid);
                if (call == null || call.over) {
                    return false;
                }
                cancelPending(call);
                customerHangsUp(call);
                return true;
            }).get();
        } catch (Exception e) {
            return false;
        }
    }

    /** The phone registers (again): NOT_INUSE, or its in-use state while it has calls. Waits for the PBX thread. */
    void register(String device) {
        onPbxThread(() -> {
            devices.computeIfAbsent(device, name -> new Device()).registered = true;
            reportDevice(device);
        });
    }

    /** The phone's registration goes: UNAVAILABLE, whatever calls it has. Waits for the PBX thread. */
    void unregister(String device) {
        onPbxThread(() -> {
            devices.computeIfAbsent(device, name -> new Device()).registered = false;
            reportDevice(device);
        });
    }

    /** The states of the phones known, as last reported. */
    Map<String, DeviceState> deviceStates() {
        try {
            return thread.submit(() -> {
                Map<String, DeviceState> states = new LinkedHashMap<>();
                devices.forEach((name, device) -> {
                    if (device.reported != null) {
                        states.put(name, device.reported);
                    }
                });
                return states;
            }).get();
        } catch (Exception e) {
            return Map.of();
        }
    }

    private void onPbxThread(Runnable task) {
        try {
            thread.submit(guarded(task)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("AMI simulator: {}", e.toString());
        }
    }

    int channelCount() {
        try {
            return thread.submit(() -> calls.values().stream()
                    .mapToInt(call -> (int) call.channels().stream().filter(c -> !c.hungUp).count()).sum()).get();
        } catch (Exception e) {
            return 0;
        }
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("AMI simulator: {}", e.toString(), e);
            }
        };
    }

    private void later(Call call, Duration delay, Runnable step) {
        call.next = thread.schedule(guarded(() -> {
            if (!call.over) {
                step.run();
            }
        }), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void cancelPending(Call call) {
        if (call.next != null) {
            call.next.cancel(false);
            call.next = null;
        }
    }

    // ---------------------------------------------------------------- actions

    void handle(Client client, AmiMessage action) {
        String actionId = action.get("ActionID");
        String name = action.action();
        if (!client.loggedIn() && !name.equals("login") && !name.equals("challenge") && !name.equals("logoff")) {
            client.send(response("Error", actionId).add("Message", "Authentication Required"));
            return;
        }
        switch (name) {
            case "challenge" -> challenge(client, actionId);
            case "login" -> login(client, action, actionId);
            case "logoff" -> {
                client.send(new AmiMessage().add("Response", "Goodbye").add("ActionID", actionId)
                        .add("Message", "Thanks for all the fish."));
                client.close();
            }
            case "ping" -> client.send(response("Success", actionId).add("Ping", "Pong")
                    .add("Timestamp", String.format(Locale.ROOT, "%.6f", System.currentTimeMillis() / 1000.0)));
            case "coresettings" -> client.send(response("Success", actionId).add("AMIversion", "11.0.0")
                    .add("AsteriskVersion", "22.10.1").add("SystemName", "").add("CoreMaxCalls", 0)
                    .add("CoreMaxLoadAvg", "0.000000").add("CoreRunUser", "asterisk").add("CoreRunGroup", "asterisk")
                    .add("CoreMaxFilehandles", 0).add("CoreRealTimeEnabled", "No").add("CoreCDRenabled", "Yes")
                    .add("CoreHTTPenabled", "No").add("SoundsSearchCustomDir", "No"));
            case "originate" -> originate(client, action, actionId);
            case "hangup" -> hangupAction(client, action, actionId);
            case "redirect" -> redirect(client, action, actionId);
            case "setvar" -> setvar(client, action, actionId);
            case "coreshowchannels" -> coreShowChannels(client, actionId);
            case "devicestatelist" -> deviceStateList(client, actionId);
            default -> client.send(response("Error", actionId).add("Message", "Invalid/unknown command"));
        }
    }

    private static AmiMessage response(String response, @Nullable String actionId) {
        AmiMessage message = new AmiMessage().add("Response", response);
        if (actionId != null) {
            message.add("ActionID", actionId);
        }
        return message;
    }

    private void challenge(Client client, @Nullable String actionId) {
        String challenge = String.valueOf(100000000 + random.nextInt(900000000));
        client.challenge(challenge);
        client.send(response("Success", actionId).add("Challenge", challenge));
    }

    private void login(Client client, AmiMessage action, @Nullable String actionId) {
        boolean accepted = username.equals(action.get("Username"));
        if (accepted) {
            String key = action.get("Key");
            if (key != null && client.challenge() != null) {
                accepted = key.equalsIgnoreCase(md5(client.challenge() + secret));
            } else {
                accepted = secret.equals(action.get("Secret"));
            }
        }
        if (!accepted) {
            client.send(response("Error", actionId).add("Message", "Authentication failed"));
            client.close();
            return;
        }
        client.loggedIn(true);
        client.send(response("Success", actionId).add("Message", "Authentication accepted"));
        client.send(new AmiMessage().add("Event", "FullyBooted").add("Privilege", "system,all")
                .add("Uptime", System.currentTimeMillis() / 1000 - bootEpochSeconds)
                .add("LastReload", System.currentTimeMillis() / 1000 - bootEpochSeconds)
                .add("Status", "Fully Booted"));
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void originate(Client client, AmiMessage action, @Nullable String actionId) {
        String dialString = action.get("Channel");
        if (dialString == null || !dialString.contains("/")) {
            client.send(response("Error", actionId).add("Message", "Channel not specified"));
            return;
        }
        String linkedid = action.get("ChannelId");
        if (linkedid != null && !linkedid.isBlank()) {
            originates.merge(linkedid, 1, Integer::sum);
        }
        if (linkedid == null || linkedid.isBlank()) {
            linkedid = bootEpochSeconds + "." + uniqueSequence++;
        }
        if (calls.containsKey(linkedid) && !calls.get(linkedid).over) {
            client.send(response("Error", actionId).add("Message", "Uniqueid already in use"));
            return;
        }
        if ("ChanSpy".equalsIgnoreCase(action.get("Application", ""))) {
            spy(client, action, actionId, dialString, linkedid);
            return;
        }
        Map<String, String> variables = variables(action);
        String number = number(dialString);
        Outcome forced = Outcome.forced(number);
        Outcome outcome = forced != null ? forced : drawOutcome();
        Leg customer = newLeg(dialString, linkedid, linkedid, action);
        Call call = new Call(actionId, linkedid, customer, outcome, variables, action);
        calls.put(linkedid, call);
        forgetFinishedCalls();
        client.send(response("Success", actionId).add("Message", "Originate successfully queued"));
        dial(call, forced != null);
    }

    private static Map<String, String> variables(AmiMessage action) {
        Map<String, String> variables = new HashMap<>();
        for (String assignment : action.all("Variable")) {
            for (String part : assignment.split(",")) {
                int equals = part.indexOf('=');
                if (equals > 0) {
                    variables.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
                }
            }
        }
        return variables;
    }

    private void forgetFinishedCalls() {
        if (calls.size() > 10_000) {
            calls.values().removeIf(call -> call.over);
        }
    }

    /** The number part of a dial string: {@code Local/123@ctx} and {@code PJSIP/123@trunk} give 123. */
    static String number(String dialString) {
        String resource = dialString.substring(dialString.indexOf('/') + 1);
        int at = resource.indexOf('@');
        if (at >= 0) {
            return resource.substring(0, at);
        }
        int slash = resource.lastIndexOf('/');
        return slash >= 0 ? resource.substring(slash + 1) : resource;
    }

    private Outcome drawOutcome() {
        if (customersStay) {
            return Outcome.ANSWER;
        }
        int[] weights = {settings.answer(), settings.busy(), settings.noAnswer(), settings.rejected(),
                settings.congestion(), settings.machine()};
        Outcome[] outcomes = {Outcome.ANSWER, Outcome.BUSY, Outcome.NOANSWER, Outcome.REJECT, Outcome.CONGESTION,
                Outcome.MACHINE};
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return outcomes[i];
            }
        }
        return Outcome.ANSWER;
    }

    private Duration between(Duration min, Duration max) {
        long from = min.toMillis();
        long to = max.toMillis();
        return Duration.ofMillis(to <= from ? from : random.nextLong(from, to + 1));
    }

    private Leg newLeg(String dialString, String uniqueid, String linkedid, AmiMessage originate) {
        String tech = dialString.substring(0, dialString.indexOf('/'));
        String resource = dialString.substring(dialString.indexOf('/') + 1);
        String sequence = String.format(Locale.ROOT, "%08x", channelSequence++);
        String callerNum = "<unknown>";
        String callerName = "<unknown>";
        String callerId = originate == null ? null : originate.get("CallerID");
        if (callerId != null) {
            int open = callerId.indexOf('<');
            if (open >= 0) {
                callerName = callerId.substring(0, open).replace("\"", "").trim();
                callerNum = callerId.substring(open + 1, callerId.indexOf('>', open));
            } else {
                callerNum = callerId.trim();
            }
        }
        Leg leg;
        if (tech.equalsIgnoreCase("Local")) {
            int at = resource.indexOf('@');
            String exten = at >= 0 ? resource.substring(0, at) : resource;
            String context = at >= 0 ? resource.substring(at + 1).split("/")[0] : "default";
            String base = "Local/" + exten + "@" + context + "-" + sequence;
            Channel near = new Channel(base + ";1", uniqueid, linkedid, 0, context, exten);
            Channel far = new Channel(base + ";2", uniqueid.contains(".") ? bootEpochSeconds + "." + uniqueSequence++
                    : uniqueid + ";2", linkedid, 4, context, exten);
            leg = new Leg(near, far, dialString);
        } else {
            String endpoint = resource.contains("@") ? resource.substring(resource.indexOf('@') + 1)
                    : resource.contains("/") ? resource.substring(0, resource.indexOf('/')) : resource;
            Channel only = new Channel(tech + "/" + endpoint + "-" + sequence, uniqueid, linkedid, 0,
                    originate == null ? "default" : originate.get("Context", "default"), number(dialString));
            leg = new Leg(only, only, dialString);
        }
        for (Channel channel : leg.channels()) {
            channel.callerNum = callerNum;
            channel.callerName = callerName;
        }
        return leg;
    }

    // ---------------------------------------------------------------- the customer leg

    private void dial(Call call, boolean transcriptDialplan) {
        Leg leg = call.customer;
        for (Channel channel : leg.channels()) {
            emit(channelEvent("Newchannel", channel));
        }
        if (call.outcome == Outcome.NOSUCHEXTEN) {
            hangup(leg.far, 0);
            hangup(leg.near, 0);
            originateResponse(call, false, 0);
            end(call);
            return;
        }
        if (leg.local()) {
            emit(new AmiMessage().add("Event", "LocalBridge").add("Privilege", "call,all")
                    .add("LocalOneChannel", leg.near.name).add("LocalOneUniqueid", leg.near.uniqueid)
                    .add("LocalTwoChannel", leg.far.name).add("LocalTwoUniqueid", leg.far.uniqueid)
                    .add("Context", leg.near.context).add("Exten", leg.near.exten).add("LocalOptimization", "Yes"));
        }
        emit(dialEvent("DialBegin", null, leg.near).add("DialString", leg.dialString
                .substring(leg.dialString.indexOf('/') + 1)));
        boolean rings = call.outcome == Outcome.NOANSWER
                || !transcriptDialplan && (call.outcome == Outcome.ANSWER || call.outcome == Outcome.MACHINE
                || call.outcome == Outcome.REJECT || call.outcome == Outcome.HUMAN);
        if (rings) {
            newState(leg.near, 5);
            emit(dialEvent("DialState", null, leg.near).add("DialStatus", "RINGING"));
        }
        Duration ring = call.outcome == Outcome.NOANSWER
                ? Duration.ofMillis(Long.parseLong(call.originate.get("Timeout", "30000")))
                : between(settings.ringTimeMin(), settings.ringTimeMax());
        later(call, ring, () -> farEndDecides(call));
    }

    private void farEndDecides(Call call) {
        Leg leg = call.customer;
        switch (call.outcome) {
            case ANSWER, MACHINE, HUMAN -> {
                newState(leg.far, 6);
                newState(leg.near, 6);
                emit(dialEvent("DialEnd", null, leg.near).add("DialStatus", "ANSWER"));
                call.answered = true;
                originateResponse(call, true, 4);
                afterAnswer(call);
            }
            case BUSY -> {
                newState(leg.far, 7);
                emit(dialEvent("DialEnd", null, leg.near).add("DialStatus", "BUSY"));
                hangupRequest("HangupRequest", leg.far, 0);
                if (leg.local()) {
                    hangupRequest("SoftHangupRequest", leg.far, 16);
                }
                originateResponse(call, false, 5);
                if (leg.local()) {
                    hangup(leg.near, 0);
                }
                hangup(leg.far, 17);
                end(call);
            }
            case CONGESTION -> {
                newState(leg.far, 7);
                emit(dialEvent("DialEnd", null, leg.near).add("DialStatus", "CONGESTION"));
                hangupRequest("HangupRequest", leg.far, 0);
                originateResponse(call, false, 8);
                if (leg.local()) {
                    hangupRequest("SoftHangupRequest", leg.far, 16);
                }
                hangup(leg.far, 34);
                if (leg.local()) {
                    hangup(leg.near, 0);
                }
                end(call);
            }
            case NOANSWER -> {
                hangupRequest("HangupRequest", leg.far, 19);
                if (leg.local()) {
                    hangupRequest("SoftHangupRequest", leg.far, 16);
                }
                hangup(leg.far, 19);
                originateResponse(call, false, 3);
                hangup(leg.near, 19);
                end(call);
            }
            case REJECT, UNALLOCATED -> {
                int cause = call.outcome == Outcome.REJECT ? 21 : 1;
                if (leg.local()) {
                    hangupRequest("SoftHangupRequest", leg.far, 16);
                }
                hangupRequest("HangupRequest", leg.near, cause);
                hangup(leg.far, cause);
                emit(dialEvent("DialEnd", null, leg.near).add("DialStatus", "NOANSWER"));
                originateResponse(call, false, 0);
                hangup(leg.near, cause);
                end(call);
            }
            case NOSUCHEXTEN -> throw new IllegalStateException("handled when dialling");
        }
    }

    private void originateResponse(Call call, boolean success, int reason) {
        AmiMessage event = new AmiMessage().add("Event", "OriginateResponse").add("Privilege", "call,all");
        if (call.actionId != null) {
            event.add("ActionID", call.actionId);
        }
        event.add("Response", success ? "Success" : "Failure")
                .add("Channel", success ? call.customer.near.name : call.customer.dialString);
        String application = call.originate.get("Application");
        if (application != null) {
            event.add("Application", application).add("Data", call.originate.get("Data", ""));
        } else {
            event.add("Context", call.originate.get("Context", "")).add("Exten", call.originate.get("Exten", ""));
        }
        event.add("Reason", reason).add("Uniqueid", call.linkedid)
                .add("CallerIDNum", call.customer.near.callerNum).add("CallerIDName", call.customer.near.callerName);
        emit(event);
    }

    /** The originate's target runs on the customer's ;1 channel: Dozvon's dialplan contract, or anything else. */
    private void afterAnswer(Call call) {
        Channel near = call.customer.near;
        near.context = call.originate.get("Context", near.context);
        near.exten = call.originate.get("Exten", near.exten);
        near.application = call.originate.get("Application", "");
        near.applicationData = call.originate.get("Data", "");
        String route = call.variables.get("DOZVON_ROUTE");
        if (route == null) {
            later(call, talkTime(call), () -> customerHangsUp(call));
            return;
        }
        if ("yes".equalsIgnoreCase(call.variables.get("DOZVON_AMD"))) {
            near.application = "AMD";
            later(call, settings.amdTime(), () -> {
                boolean machine = call.outcome == Outcome.MACHINE;
                emit(channelEvent("UserEvent", near).add("UserEvent", "AMDResult")
                        .add("Status", machine ? "MACHINE" : "HUMAN")
                        .add("Cause", machine ? "LONGGREETING-1500-1500" : "HUMAN-800-800"));
                if (machine) {
                    dialplanHangsUp(call);
                } else {
                    route(call, route);
                }
            });
        } else {
            route(call, route);
        }
    }

    private Duration talkTime(Call call) {
        if (customersStay) {
            return Duration.ofHours(1);
        }
        return between(settings.talkTimeMin(), settings.talkTimeMax());
    }

    private void route(Call call, String route) {
        Channel near = call.customer.near;
        near.exten = route;
        switch (route) {
            case "operator" -> dialOperator(call);
            case "wait" -> {
                near.application = "MusicOnHold";
                Duration maxWait = Duration.ofSeconds(parseLong(call.variables.get("DOZVON_MAX_WAIT"), 10));
                Duration patience = talkTime(call);
                if (patience.compareTo(maxWait) < 0) {
                    later(call, patience, () -> customerHangsUp(call));
                } else {
                    later(call, maxWait, () -> {
                        near.application = "Playback";
                        near.applicationData = "dozvon-greeting";
                        later(call, Duration.ofMillis(200), () -> dialplanHangsUp(call));
                    });
                }
            }
            default -> {
                near.application = "AGI";
                later(call, talkTime(call), () -> customerHangsUp(call));
            }
        }
    }

    private static long parseLong(@Nullable String text, long otherwise) {
        try {
            return text == null ? otherwise : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    // ---------------------------------------------------------------- supervisors (ChanSpy)

    /**
     * An originate of a supervisor's phone into {@code ChanSpy(<channel prefix>,<options>)}: the phone rings and
     * answers like an operator's (after the operator answer time), ChanSpy starts on the first live channel whose name
     * begins with the prefix ({@code ChanSpyStart}), and with option {@code E} the leg ends when that channel hangs up
     * ({@code ChanSpyStop}, then the supervisor's Hangup). Otherwise the supervisor hangs up after the talk time.
     */
    private void spy(Client client, AmiMessage action, @Nullable String actionId, String endpoint, String id) {
        String data = action.get("Data", "");
        int comma = data.indexOf(',');
        String target = comma < 0 ? data : data.substring(0, comma);
        String options = comma < 0 ? "" : data.substring(comma + 1);
        Channel found = spyee(target);
        spies.add(new SpyRequest(id, endpoint, target, options, found == null ? null : found.linkedid));
        Leg leg = newLeg(endpoint, id, id, action);
        Call call = new Call(actionId, id, leg, Outcome.ANSWER, variables(action), action);
        call.spyTarget = target;
        call.spyOptions = options;
        calls.put(id, call);
        forgetFinishedCalls();
        client.send(response("Success", actionId).add("Message", "Originate successfully queued"));
        for (Channel channel : leg.channels()) {
            emit(channelEvent("Newchannel", channel));
        }
        usePhone(leg);
        emit(dialEvent("DialBegin", null, leg.near).add("DialString", endpoint.substring(endpoint.indexOf('/') + 1)));
        newState(leg.near, 5);
        emit(dialEvent("DialState", null, leg.near).add("DialStatus", "RINGING"));
        later(call, settings.operatorAnswerTime(), () -> {
            if (leg.local()) {
                newState(leg.far, 6);
            }
            newState(leg.near, 6);
            emit(dialEvent("DialEnd", null, leg.near).add("DialStatus", "ANSWER"));
            call.answered = true;
            originateResponse(call, true, 4);
            leg.near.application = "ChanSpy";
            leg.near.applicationData = data;
            Channel spied = spyee(target);
            if (spied != null) {
                call.spied = spied;
                emit(new AmiMessage().add("Event", "ChanSpyStart").add("Privilege", "call,all")
                        .add(headers("Spyer", leg.near)).add(headers("Spyee", spied)));
            }
            later(call, talkTime(call), () -> spyEnds(call, 16));
        });
    }

    /** The first live channel (of an ordinary call) whose name begins with the prefix, as ChanSpy picks one. */
    @Nullable
    private Channel spyee(String prefix) {
        if (prefix.isEmpty()) {
            return null;
        }
        for (Call call : calls.values()) {
            if (call.over || call.spyTarget != null) {
                continue;
            }
            for (Channel channel : call.channels()) {
                if (!channel.hungUp && channel.name.startsWith(prefix)) {
                    return channel;
                }
            }
        }
        return null;
    }

    /** A supervisor's leg ends: ChanSpy stops, the supervisor's channel hangs up. */
    private void spyEnds(Call call, int cause) {
        if (call.over) {
            return;
        }
        cancelPending(call);
        Leg leg = call.customer;
        if (call.spied != null) {
            emit(new AmiMessage().add("Event", "ChanSpyStop").add("Privilege", "call,all")
                    .add(headers("Spyer", leg.near)).add(headers("Spyee", call.spied)));
            call.spied = null;
        }
        hangupRequest("SoftHangupRequest", leg.near, cause);
        hangup(leg.near, cause);
        if (leg.local()) {
            hangup(leg.far, cause);
        }
        end(call);
    }

    /** ChanSpy with option E leaves when the channel it spies on hangs up. */
    private void spiedChannelHungUp(Channel channel) {
        for (Call call : calls.values()) {
            if (call.spied == channel && !call.over && call.spyOptions.contains("E")) {
                submit(() -> spyEnds(call, 16));
            }
        }
    }

    // ---------------------------------------------------------------- operators

    private void dialOperator(Call call) {
        String endpoint = call.variables.get("DOZVON_OPERATOR");
        Channel near = call.customer.near;
        if (endpoint == null || !endpoint.contains("/")) {
            dialplanHangsUp(call);
            return;
        }
        near.application = "Dial";
        near.applicationData = endpoint;
        if ("yes".equalsIgnoreCase(call.variables.get("DOZVON_AUTO_ANSWER"))) {
            autoAnswered.add(endpoint);
        }
        Leg operator = newLeg(endpoint, bootEpochSeconds + "." + uniqueSequence++, call.linkedid, null);
        for (Channel channel : operator.channels()) {
            channel.callerNum = call.customer.near.callerNum;
            channel.callerName = call.customer.near.callerName;
        }
        call.operator = operator;
        for (Channel channel : operator.channels()) {
            emit(channelEvent("Newchannel", channel));
        }
        usePhone(operator);
        emit(dialEvent("DialBegin", near, operator.near).add("DialString",
                endpoint.substring(endpoint.indexOf('/') + 1)));
        later(call, settings.operatorAnswerTime(), () -> {
            newState(operator.far, 6);
            newState(operator.near, 6);
            emit(dialEvent("DialEnd", near, operator.near).add("DialStatus", "ANSWER"));
            String bridgeId = UUID.nameUUIDFromBytes((call.linkedid + operator.near.uniqueid)
                    .getBytes(StandardCharsets.UTF_8)).toString();
            call.bridgeId = bridgeId;
            emit(bridgeEvent("BridgeCreate", bridgeId, 0));
            operator.near.bridgeId = bridgeId;
            emit(bridgeEvent("BridgeEnter", bridgeId, 1).add(channelHeaders(operator.near)));
            near.bridgeId = bridgeId;
            emit(bridgeEvent("BridgeEnter", bridgeId, 2).add(channelHeaders(near)));
            later(call, talkTime(call), () -> customerHangsUp(call));
        });
    }

    /** The operator leg goes: the bridge ends, the operator's channels hang up. */
    private void releaseOperator(Call call, int cause) {
        Leg operator = call.operator;
        if (operator == null) {
            return;
        }
        if (call.bridgeId != null) {
            if (call.customer.near.bridgeId != null) {
                call.customer.near.bridgeId = null;
                emit(bridgeEvent("BridgeLeave", call.bridgeId, 1).add(channelHeaders(call.customer.near)));
            }
            operator.near.bridgeId = null;
            emit(bridgeEvent("BridgeLeave", call.bridgeId, 0).add(channelHeaders(operator.near)));
            emit(bridgeEvent("BridgeDestroy", call.bridgeId, 0));
            call.bridgeId = null;
        }
        if (operator.local()) {
            hangupRequest("HangupRequest", operator.far, cause);
        }
        hangup(operator.near, cause);
        if (operator.local()) {
            hangupRequest("SoftHangupRequest", operator.far, cause);
            hangup(operator.far, cause);
        }
        call.operator = null;
    }

    // ---------------------------------------------------------------- endings

    /** The customer puts the phone down (the far half of the customer leg goes first). */
    private void customerHangsUp(Call call) {
        Leg leg = call.customer;
        if (leg.local()) {
            hangupRequest("SoftHangupRequest", leg.far, 16);
        }
        hangupRequest("HangupRequest", leg.near, 16);
        if (leg.local()) {
            hangup(leg.far, 16);
        }
        if (call.bridgeId != null && leg.near.bridgeId != null) {
            leg.near.bridgeId = null;
            emit(bridgeEvent("BridgeLeave", call.bridgeId, 1).add(channelHeaders(leg.near)));
        }
        hangup(leg.near, 16);
        releaseOperator(call, 16);
        end(call);
    }

    /** The dialplan hangs the customer up (machine detected, greeting played, nobody to dial). */
    private void dialplanHangsUp(Call call) {
        Leg leg = call.customer;
        releaseOperator(call, 16);
        hangupRequest("SoftHangupRequest", leg.near, 16);
        if (leg.local()) {
            hangupRequest("HangupRequest", leg.far, 16);
        }
        hangup(leg.near, 16);
        if (leg.local()) {
            hangupRequest("SoftHangupRequest", leg.far, 16);
            hangup(leg.far, 16);
        }
        end(call);
    }

    private void end(Call call) {
        cancelPending(call);
        call.over = true;
    }

    private void hangupAction(Client client, AmiMessage action, @Nullable String actionId) {
        String name = action.get("Channel", "");
        int cause = (int) parseLong(action.get("Cause"), 16);
        Call call = null;
        Channel channel = null;
        for (Call candidate : calls.values()) {
            for (Channel c : candidate.channels()) {
                if (!c.hungUp && (c.name.equals(name) || matchesRegex(name, c.name))) {
                    call = candidate;
                    channel = c;
                }
            }
        }
        if (call == null) {
            client.send(response("Error", actionId).add("Message", "No such channel"));
            return;
        }
        client.send(response("Success", actionId).add("Message", "Channel Hungup"));
        cancelPending(call);
        if (call.spyTarget != null) {
            spyEnds(call, cause);
            return;
        }
        Leg leg = call.customer;
        if (!call.answered) {
            hangupRequest("HangupRequest", leg.near, cause);
            if (leg.local()) {
                hangupRequest("SoftHangupRequest", leg.far, 16);
                hangup(leg.far, cause);
            }
            emit(dialEvent("DialEnd", null, leg.near).add("DialStatus", "CANCEL"));
            originateResponse(call, false, 1);
            hangup(leg.near, cause);
        } else if (channel == leg.near || channel == leg.far) {
            hangupRequest("HangupRequest", channel, cause);
            if (call.bridgeId != null && leg.near.bridgeId != null) {
                leg.near.bridgeId = null;
                emit(bridgeEvent("BridgeLeave", call.bridgeId, 1).add(channelHeaders(leg.near)));
            }
            hangup(leg.near, cause);
            if (leg.local()) {
                hangupRequest("SoftHangupRequest", leg.far, 16);
                hangup(leg.far, cause);
            }
            releaseOperator(call, 16);
        } else {
            releaseOperator(call, cause);
            dialplanHangsUp(call);
        }
        end(call);
    }

    private static boolean matchesRegex(String pattern, String name) {
        if (pattern.length() > 2 && pattern.startsWith("/") && pattern.endsWith("/")) {
            try {
                return java.util.regex.Pattern.compile(pattern.substring(1, pattern.length() - 1)).matcher(name).find();
            } catch (RuntimeException e) {
                return false;
            }
        }
        return false;
    }

    @Nullable
    private Call callOf(String channelName) {
        for (Call call : calls.values()) {
            if (!call.over && call.customer.near.name.equals(channelName)) {
                return call;
            }
        }
        return null;
    }

    private void setvar(Client client, AmiMessage action, @Nullable String actionId) {
        Call call = callOf(action.get("Channel", ""));
        if (call == null || action.get("Variable") == null) {
            client.send(response("Error", actionId).add("Message", "No such channel"));
            return;
        }
        call.variables.put(action.get("Variable"), action.get("Value", ""));
        client.send(response("Success", actionId).add("Message", "Variable Set"));
    }

    private void redirect(Client client, AmiMessage action, @Nullable String actionId) {
        Call call = callOf(action.get("Channel", ""));
        if (call == null || !call.answered) {
            client.send(response("Error", actionId).add("Message", "Channel specified does not exist"));
            return;
        }
        client.send(response("Success", actionId).add("Message", "Redirect successful"));
        cancelPending(call);
        releaseOperator(call, 16);
        Channel near = call.customer.near;
        near.context = action.get("Context", near.context);
        String exten = action.get("Exten", "s");
        near.exten = exten;
        near.priority = (int) parseLong(action.get("Priority"), 1);
        if (call.variables.containsKey("DOZVON_ROUTE")
                && near.context.equals(call.originate.get("Context", "")) && exten.equals("operator")) {
            dialOperator(call);
        } else if (call.variables.containsKey("DOZVON_ROUTE")
                && near.context.equals(call.originate.get("Context", "")) && exten.equals("hold")) {
            // the dialplan's hold extension: music on hold until Dozvon connects an operator again
            near.application = "MusicOnHold";
            near.applicationData = "default";
            later(call, talkTime(call), () -> customerHangsUp(call));
        } else {
            near.application = "AGI";
            later(call, talkTime(call), () -> customerHangsUp(call));
        }
    }

    private void coreShowChannels(Client client, @Nullable String actionId) {
        client.send(response("Success", actionId).add("EventList", "start").add("Message", "Channels will follow"));
        int count = 0;
        for (Call call : calls.values()) {
            for (Channel channel : call.channels()) {
                if (channel.hungUp) {
                    continue;
                }
                count++;
                AmiMessage event = new AmiMessage().add("Event", "CoreShowChannel");
                if (actionId != null) {
                    event.add("ActionID", actionId);
                }
                event.add(channelHeaders(channel))
                        .add("Application", channel.application).add("ApplicationData", channel.applicationData)
                        .add("Duration", duration(channel)).add("BridgeId", channel.bridgeId == null ? ""
                                : channel.bridgeId);
                client.send(event);
            }
        }
        AmiMessage complete = new AmiMessage().add("Event", "CoreShowChannelsComplete");
        if (actionId != null) {
            complete.add("ActionID", actionId);
        }
        client.send(complete.add("EventList", "Complete").add("ListItems", count));
    }

    /**
     * {@code DeviceStateList} as Asterisk's {@code res_manager_devicestate} answers it: a list acknowledgement, one
     * DeviceStateChange per device with a state (no Privilege header, the ActionID), DeviceStateListComplete.
     */
    private void deviceStateList(Client client, @Nullable String actionId) {
        client.send(response("Success", actionId).add("EventList", "start")
                .add("Message", "Device State Changes will follow"));
        int count = 0;
        for (Map.Entry<String, Device> entry : devices.entrySet()) {
            if (entry.getValue().reported == null) {
                continue;
            }
            count++;
            AmiMessage event = new AmiMessage().add("Event", "DeviceStateChange");
            if (actionId != null) {
                event.add("ActionID", actionId);
            }
            client.send(event.add("Device", entry.getKey()).add("State", entry.getValue().reported.name()));
        }
        AmiMessage complete = new AmiMessage().add("Event", "DeviceStateListComplete");
        if (actionId != null) {
            complete.add("ActionID", actionId);
        }
        client.send(complete.add("EventList", "Complete").add("ListItems", count));
    }

    // ---------------------------------------------------------------- phones (device states)

    /**
     * A leg to a phone of Dozvon's users (an operator's, a supervisor's) was created: the phone is known from now on
     * and counts as registered (simulated phones always answer), RINGING until the leg is up, INUSE while it is.
     */
    private void usePhone(Leg leg) {
        String name = deviceOf(leg.near.name);
        leg.near.device = name;
        Device device = devices.computeIfAbsent(name, known -> new Device());
        device.registered = true;
        device.legs.add(leg.near);
        reportDevice(name);
    }

    /** Asterisk's device of a channel: its name without the {@code -0000002a} sequence and the {@code ;1} half. */
    static String deviceOf(String channelName) {
        String name = channelName;
        int semicolon = name.lastIndexOf(';');
        if (semicolon > 0) {
            name = name.substring(0, semicolon);
        }
        int dash = name.lastIndexOf('-');
        return dash > name.indexOf('/') ? name.substring(0, dash) : name;
    }

    /** Emits a DeviceStateChange when the phone's state is not the one reported last. */
    private void reportDevice(String name) {
        Device device = devices.get(name);
        if (device == null) {
            return;
        }
        DeviceState state = device.state();
        if (state != device.reported) {
            device.reported = state;
            emit(new AmiMessage().add("Event", "DeviceStateChange").add("Privilege", "call,all")
                    .add("Device", name).add("State", state.name()));
        }
    }

    private static String duration(Channel channel) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - channel.createdNanos);
        return String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    // ---------------------------------------------------------------- events

    private void emit(AmiMessage event) {
        for (Client client : clients.get()) {
            if (client.loggedIn()) {
                client.send(event);
            }
        }
    }

    private void newState(Channel channel, int state) {
        if (channel.state == state) {
            return;
        }
        channel.state = state;
        emit(channelEvent("Newstate", channel));
        if (channel.device != null) {
            reportDevice(channel.device);
        }
    }

    private void hangupRequest(String event, Channel channel, int cause) {
        if (!channel.hungUp) {
            emit(channelEvent(event, channel).add("Cause", cause));
        }
    }

    private void hangup(Channel channel, int cause) {
        if (channel.hungUp) {
            return;
        }
        channel.hungUp = true;
        emit(channelEvent("Hangup", channel).add("Cause", cause).add("Cause-txt", causeText(cause)));
        if (channel.device != null) {
            Device device = devices.get(channel.device);
            if (device != null) {
                device.legs.remove(channel);
            }
            reportDevice(channel.device);
        }
        spiedChannelHungUp(channel);
    }

    static String causeText(int cause) {
        return switch (cause) {
            case 1 -> "Unallocated (unassigned) number";
            case 16 -> "Normal Clearing";
            case 17 -> "User busy";
            case 19 -> "User alerting, no answer";
            case 21 -> "Call Rejected";
            case 34 -> "Circuit/channel congestion";
            default -> "Unknown";
        };
    }

    private static AmiMessage channelEvent(String name, Channel channel) {
        return new AmiMessage().add("Event", name).add("Privilege", name.equals("UserEvent") ? "user,all" : "call,all")
                .add(channelHeaders(channel));
    }

    private static AmiMessage bridgeEvent(String name, String bridgeId, int channels) {
        return new AmiMessage().add("Event", name).add("Privilege", "call,all").add("BridgeUniqueid", bridgeId)
                .add("BridgeType", "basic").add("BridgeTechnology", "simple_bridge").add("BridgeCreator", "<unknown>")
                .add("BridgeName", "<unknown>").add("BridgeNumChannels", channels)
                .add("BridgeVideoSourceMode", "none");
    }

    private static List<String[]> channelHeaders(Channel channel) {
        return headers("", channel);
    }

    private static List<String[]> headers(String prefix, Channel channel) {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {prefix + "Channel", channel.name});
        headers.add(new String[] {prefix + "ChannelState", String.valueOf(channel.state)});
        headers.add(new String[] {prefix + "ChannelStateDesc", STATE_NAMES[channel.state]});
        headers.add(new String[] {prefix + "CallerIDNum", channel.callerNum});
        headers.add(new String[] {prefix + "CallerIDName", channel.callerName});
        headers.add(new String[] {prefix + "ConnectedLineNum", "<unknown>"});
        headers.add(new String[] {prefix + "ConnectedLineName", "<unknown>"});
        headers.add(new String[] {prefix + "Language", "en"});
        headers.add(new String[] {prefix + "AccountCode", ""});
        headers.add(new String[] {prefix + "Context", channel.context});
        headers.add(new String[] {prefix + "Exten", channel.exten});
        headers.add(new String[] {prefix + "Priority", String.valueOf(channel.priority)});
        headers.add(new String[] {prefix + "Uniqueid", channel.uniqueid});
        headers.add(new String[] {prefix + "Linkedid", channel.linkedid});
        return headers;
    }

    private static AmiMessage dialEvent(String name, @Nullable Channel caller, Channel destination) {
        AmiMessage event = new AmiMessage().add("Event", name).add("Privilege", "call,all");
        if (caller != null) {
            event.add(channelHeaders(caller));
        }
        return event.add(headers("Dest", destination));
    }
}
