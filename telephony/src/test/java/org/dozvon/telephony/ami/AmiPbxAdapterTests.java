package org.dozvon.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.dozvon.telephony.AmdStatus;
import org.dozvon.telephony.CallEvent;
import org.dozvon.telephony.CallId;
import org.dozvon.telephony.CallOutcome;
import org.dozvon.telephony.CallRoute;
import org.dozvon.telephony.OriginateRequest;
import org.dozvon.telephony.SpyMode;
import org.dozvon.telephony.TelephonyProperties;
import org.dozvon.telephony.simulator.AmiSimulator;
import org.dozvon.telephony.simulator.SpyRequest;

/**
 * The AMI adapter against the AMI simulator over TCP. The dial string {@code Local/{number}@sim-outcomes}
 * with a number that names an outcome ("busy", "reject", ...) makes the simulator's far end do that, as
 * the dialplan of the reference transcripts did.
 */
class AmiPbxAdapterTests {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final AtomicInteger ids = new AtomicInteger();

    private AmiSimulator simulator;
    private AmiPbxAdapter adapter;
    private final CallRecorder recorder = new CallRecorder();

    @AfterEach
    void stop() {
        if (adapter != null) {
            adapter.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    private void start(Duration talkTime) throws InterruptedException {
        simulator = new AmiSimulator(new TelephonyProperties.Simulator(0, 11, 1, 1, 1, 1, 1, 1,
                Duration.ofMillis(40), Duration.ofMillis(80), talkTime, talkTime, Duration.ofMillis(50),
                Duration.ofMillis(50)), "dozvon", "test-secret").start();
        adapter = connect(simulator.port());
        assertThat(adapter.awaitConnected(WAIT)).as("logged in").isTrue();
    }

    private AmiPbxAdapter connect(int port) {
        AmiPbxAdapter connected = new AmiPbxAdapter(new AmiPbxAdapter.Settings(simulator == null ? "127.0.0.1"
                : simulator.host(), port, "dozvon", "test-secret", "Local/{number}@sim-outcomes", "dozvon-outbound",
                Duration.ofSeconds(1), Duration.ofSeconds(5)), Clock.systemUTC());
        connected.addListener(recorder);
        return connected.start();
    }

    private static CallId newCallId() {
        return CallId.of("test-" + ids.incrementAndGet());
    }

    private CallId dial(String number, CallRoute route, boolean amd, Duration ringTimeout) {
        CallId id = newCallId();
        adapter.originate(new OriginateRequest(id, number, "\"Dozvon\" <1000>", ringTimeout, route, amd,
                Map.of("DOZVON_CONTACT_ID", "42")));
        return id;
    }

    private CallEvent.CallEnded ended(CallId id) {
        return recorder.await(id, CallEvent.CallEnded.class, WAIT);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "answer, ANSWERED, 4, 16",
            "busy, BUSY, 5, 17",
            "noanswer, NO_ANSWER, 3, 19",
            "reject, REJECTED, 0, 21",
            "congestion, FAILED, 8, 34",
            "unallocated, FAILED, 0, 1",
            "nosuchexten, FAILED, 0, 0",
            "machine, ANSWERED, 4, 16"})
    void eachFarEndBehaviourEndsInItsCategory(String number, CallOutcome outcome, int reason, int cause)
            throws InterruptedException {
        start(Duration.ofMillis(100));

        CallId id = dial(number, new CallRoute.ToIvr(), false, Duration.ofMillis(400));

        CallEvent.CallEnded end = ended(id);
        assertThat(end.outcome()).isEqualTo(outcome);
        assertThat(end.originateReason()).isEqualTo(reason);
        assertThat(end.hangupCause()).isEqualTo(cause);
        assertThat(recorder.of(id)).last().isEqualTo(end);
        assertThat(adapter.callsInProgress()).doesNotContain(id);
    }

    @Test
    void ringingThenNoAnswerReportsRingingFirst() throws InterruptedException {
        start(Duration.ofMillis(100));

        CallId id = dial("noanswer", new CallRoute.ToIvr(), false, Duration.ofMillis(300));

        ended(id);
        assertThat(recorder.of(id)).extracting(event -> event.getClass().getSimpleName())
                .containsExactly("CallRinging", "CallEnded");
    }

    @Test
    void answeringMachineDetectedByTheDialplanEndsAsMachine() throws InterruptedException {
        start(Duration.ofMillis(100));

        CallId id = dial("machine", new CallRoute.ToOperator("Local/agent-1@agents"), true, Duration.ofSeconds(5));

        CallEvent.MachineDetected amd = recorder.await(id, CallEvent.MachineDetected.class, WAIT);
        assertThat(amd.status()).isEqualTo(AmdStatus.MACHINE);
        assertThat(amd.cause()).startsWith("LONGGREETING");
        assertThat(ended(id).outcome()).isEqualTo(CallOutcome.MACHINE);
        assertThat(recorder.of(id)).noneMatch(CallEvent.CallBridged.class::isInstance);
    }

    @Test
    void personDetectedByTheDialplanIsBridgedToTheReservedOperator() throws InterruptedException {
        start(Duration.ofMillis(150));

        CallId id = dial("human", new CallRoute.ToOperator("Local/agent-1@agents"), true, Duration.ofSeconds(5));

        assertThat(recorder.await(id, CallEvent.MachineDetected.class, WAIT).status()).isEqualTo(AmdStatus.HUMAN);
        assertThat(recorder.await(id, CallEvent.CallBridged.class, WAIT).operatorChannel())
                .startsWith("Local/agent-1@agents-").endsWith(";1");
        CallEvent.CallEnded end = ended(id);
        assertThat(end.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(recorder.of(id)).extracting(event -> event.getClass().getSimpleName())
                .containsExactly("CallAnswered", "MachineDetected", "CallBridged", "CallEnded");
    }

    @Test
    void operatorPhoneOnPjsipAnswersAndIsBridged() throws InterruptedException {
        start(Duration.ofMillis(150));

        CallId id = dial("answer", new CallRoute.ToOperator("PJSIP/op-101"), false, Duration.ofSeconds(5));

        assertThat(recorder.await(id, CallEvent.CallBridged.class, WAIT).operatorChannel()).startsWith("PJSIP/op-101-");
        assertThat(ended(id).outcome()).isEqualTo(CallOutcome.ANSWERED);
    }

    @Test
    void waitingCustomerIsConnectedToTheOperatorDozvonPicks() throws InterruptedException {
        start(Duration.ofSeconds(3));

        CallId id = dial("answer", new CallRoute.WaitForOperator(Duration.ofSeconds(10)), false, Duration.ofSeconds(5));
        recorder.await(id, CallEvent.CallAnswered.class, WAIT);
        adapter.connectToOperator(id, "PJSIP/op-7");

        assertThat(recorder.await(id, CallEvent.CallBridged.class, WAIT).operatorChannel()).startsWith("PJSIP/op-7-");
        adapter.hangUp(id);
        assertThat(ended(id).outcome()).isEqualTo(CallOutcome.ANSWERED);
    }

    @Test
    void customerNobodyIsConnectedToHearsTheGreetingAndIsAbandoned() throws InterruptedException {
        start(Duration.ofSeconds(5));

        CallId id = dial("answer", new CallRoute.WaitForOperator(Duration.ofSeconds(1)), false, Duration.ofSeconds(5));

        CallEvent.CallEnded end = ended(id);
        assertThat(end.outcome()).isEqualTo(CallOutcome.ABANDONED);
        assertThat(recorder.of(id)).noneMatch(CallEvent.CallBridged.class::isInstance);
    }

    @Test
    void bridgedCustomerIsTransferredToAnotherOperator() throws InterruptedException {
        start(Duration.ofSeconds(5));

        CallId id = dial("answer", new CallRoute.ToOperator("PJSIP/op-1"), false, Duration.ofSeconds(5));
        recorder.await(id, CallEvent.CallBridged.class, WAIT);
        adapter.connectToOperator(id, "PJSIP/op-2");

        awaitTrue(() -> recorder.of(id).stream().filter(CallEvent.CallBridged.class::isInstance)
                .map(event -> ((CallEvent.CallBridged) event).operatorChannel())
                .anyMatch(channel -> channel.startsWith("PJSIP/op-2-")), "bridged to the second operator");
        adapter.hangUp(id);
        assertThat(ended(id).outcome()).isEqualTo(CallOutcome.ANSWERED);
    }

    @Test
    void redirectTakesTheCustomerAwayFromTheOperator() throws InterruptedException {
        start(Duration.ofSeconds(5));

        CallId id = dial("answer", new CallRoute.ToOperator("Local/agent-1@agents"), false, Duration.ofSeconds(5));
        recorder.await(id, CallEvent.CallBridged.class, WAIT);
        assertThat(simulator.channelCount()).isEqualTo(4);

        adapter.redirect(id, "dozvon-ivr", "s", 1);

        awaitTrue(() -> simulator.channelCount() == 2, "the operator's two channels hung up");
        assertThat(adapter.callsInProgress()).contains(id);
        adapter.hangUp(id);
        ended(id);
    }

    @Test
    void hangingUpARingingCallEndsItAsNotAnswered() throws InterruptedException {
        start(Duration.ofMillis(100));

        CallId id = dial("noanswer", new CallRoute.ToIvr(), false, Duration.ofSeconds(30));
        recorder.await(id, CallEvent.CallRinging.class, WAIT);
        adapter.hangUp(id);

        CallEvent.CallEnded end = ended(id);
        assertThat(end.outcome()).isEqualTo(CallOutcome.NO_ANSWER);
        assertThat(end.detail()).contains("hung up by Dozvon");
    }

    @Test
    void hangingUpAnAnsweredCallEndsIt() throws InterruptedException {
        start(Duration.ofSeconds(30));

        CallId id = dial("answer", new CallRoute.ToIvr(), false, Duration.ofSeconds(5));
        recorder.await(id, CallEvent.CallAnswered.class, WAIT);
        adapter.hangUp(id);

        assertThat(ended(id).outcome()).isEqualTo(CallOutcome.ANSWERED);
        awaitTrue(() -> simulator.channelCount() == 0, "no channel left");
    }

    @Test
    void liveCallIdsAreTheCallsThePbxHasNow() throws InterruptedException {
        start(Duration.ofSeconds(30));

        CallId id = dial("answer", new CallRoute.ToIvr(), false, Duration.ofSeconds(5));
        recorder.await(id, CallEvent.CallAnswered.class, WAIT);

        assertThat(adapter.liveCallIds(Duration.ofSeconds(5))).containsExactly(id.value());
        adapter.hangUp(id);
        ended(id);
        assertThat(adapter.liveCallIds(Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void afterTheSimulatorRestartsMidCallTheAdapterReconnectsAndReconciles() throws InterruptedException {
        start(Duration.ofMillis(600));

        CallId shortCall = dial("answer", new CallRoute.ToIvr(), false, Duration.ofSeconds(5));
        CallId ringing = dial("noanswer", new CallRoute.ToIvr(), false, Duration.ofSeconds(60));
        recorder.await(shortCall, CallEvent.CallAnswered.class, WAIT);
        recorder.await(ringing, CallEvent.CallRinging.class, WAIT);

        simulator.stopListening();
        awaitTrue(() -> !adapter.connected(), "the adapter noticed");
        awaitTrue(() -> simulator.channelCount() == 2, "the short call ended while nobody listened");
        simulator.resumeListening();

        CallEvent.CallEnded shortEnd = ended(shortCall);
        assertThat(shortEnd.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(shortEnd.detail()).contains("while the AMI connection was down");
        assertThat(adapter.connected()).isTrue();
        assertThat(adapter.callsInProgress()).containsExactly(ringing);

        adapter.hangUp(ringing);
        assertThat(ended(ringing).outcome()).isEqualTo(CallOutcome.NO_ANSWER);
    }

    @Test
    void callsGoOnThroughAQuickReconnect() throws InterruptedException {
        start(Duration.ofSeconds(2));

        CallId id = dial("answer", new CallRoute.ToOperator("PJSIP/op-9"), false, Duration.ofSeconds(5));
        recorder.await(id, CallEvent.CallBridged.class, WAIT);

        simulator.restart();
        awaitTrue(() -> simulator.loggedInClients() == 1 && adapter.connected(), "logged in again");

        CallEvent.CallEnded end = ended(id);
        assertThat(end.outcome()).isEqualTo(CallOutcome.ANSWERED);
    }

    @Test
    void originateWithoutAConnectionFailsTheCall() {
        simulator = new AmiSimulator(TelephonyProperties.Simulator.defaults(), "dozvon", "test-secret").start();
        int port = simulator.port();
        simulator.close();
        simulator = null;
        adapter = connect(port);

        CallId id = dial("answer", new CallRoute.ToIvr(), false, Duration.ofSeconds(5));

        CallEvent.CallEnded end = ended(id);
        assertThat(end.outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(end.detail()).contains("not connected");
    }

    @Test
    void aCallIdInProgressCannotBeDialledAgain() throws InterruptedException {
        start(Duration.ofSeconds(30));
        CallId id = dial("answer", new CallRoute.ToIvr(), false, Duration.ofSeconds(5));

        assertThatThrownBy(() -> adapter.originate(new OriginateRequest(id, "answer", null, Duration.ofSeconds(5),
                new CallRoute.ToIvr(), false, Map.of()))).isInstanceOf(IllegalStateException.class);
        adapter.hangUp(id);
        ended(id);
    }

    @ParameterizedTest(name = "{0} -> ChanSpy options {1}")
    @CsvSource({"LISTEN, qE", "WHISPER, qEw", "BARGE, qEB"})
    void supervisorIsRungIntoChanSpyOnTheOperatorChannelOfTheCall(SpyMode mode, String options)
            throws InterruptedException {
        start(Duration.ofSeconds(30));
        CallId id = dial("answer", new CallRoute.ToOperator("PJSIP/op-5"), false, Duration.ofSeconds(5));
        String operatorChannel = recorder.await(id, CallEvent.CallBridged.class, WAIT).operatorChannel();

        adapter.spy(id, "PJSIP/sup-1", mode);

        awaitTrue(() -> simulator.spies().size() == 1, "the ChanSpy originate");
        SpyRequest spy = simulator.spies().get(0);
        assertThat(spy.endpoint()).isEqualTo("PJSIP/sup-1");
        assertThat(spy.spiedChannel()).isEqualTo(operatorChannel);
        assertThat(spy.options()).isEqualTo(options);
        assertThat(spy.spiedCallId()).as("the operator channel found is the call's").isEqualTo(id.value());
        assertThat(spy.channelId()).as("a channel id of its own").isNotEqualTo(id.value()).startsWith(id.value());
        awaitTrue(() -> simulator.spyingOn(spy.channelId()).isPresent(), "the supervisor's phone answered");
        assertThat(simulator.spyingOn(spy.channelId())).contains(operatorChannel);
        assertThat(simulator.channelCount()).as("customer (2), operator and supervisor").isEqualTo(4);

        adapter.hangUp(id);
        assertThat(ended(id).outcome()).isEqualTo(CallOutcome.ANSWERED);
        awaitTrue(() -> simulator.channelCount() == 0, "the supervisor's leg left with the operator's");
        assertThat(recorder.of(id)).filteredOn(CallEvent.CallEnded.class::isInstance).hasSize(1);
        assertThat(recorder.of(id)).filteredOn(CallEvent.CallBridged.class::isInstance).hasSize(1);
        assertThat(adapter.callsInProgress()).isEmpty();
    }

    @Test
    void theSupervisorsLegEndsWithTheOperatorsLegAndTheCustomersCallGoesOn() throws InterruptedException {
        start(Duration.ofSeconds(30));
        CallId id = dial("answer", new CallRoute.ToOperator("PJSIP/op-6"), false, Duration.ofSeconds(5));
        recorder.await(id, CallEvent.CallBridged.class, WAIT);
        adapter.spy(id, "PJSIP/sup-2", SpyMode.LISTEN);
        awaitTrue(() -> !simulator.spies().isEmpty()
                && simulator.spyingOn(simulator.spies().get(0).channelId()).isPresent(), "the supervisor listening");

        adapter.connectToOperator(id, "PJSIP/op-7");

        awaitTrue(() -> recorder.of(id).stream().filter(CallEvent.CallBridged.class::isInstance)
                .anyMatch(event -> ((CallEvent.CallBridged) event).operatorChannel().startsWith("PJSIP/op-7-")),
                "bridged to the second operator");
        awaitTrue(() -> simulator.channelCount() == 3, "the first operator and the supervisor gone");
        assertThat(adapter.callsInProgress()).containsExactly(id);
        assertThat(recorder.of(id)).noneMatch(CallEvent.CallEnded.class::isInstance);
        adapter.hangUp(id);
        assertThat(ended(id).outcome()).isEqualTo(CallOutcome.ANSWERED);
    }

    @Test
    void aSupervisorLegAnsweredAfterTheCallEndedIsHungUp() throws InterruptedException {
        start(Duration.ofSeconds(30));
        CallId id = dial("answer", new CallRoute.ToOperator("PJSIP/op-11"), false, Duration.ofSeconds(5));
        recorder.await(id, CallEvent.CallBridged.class, WAIT);

        adapter.spy(id, "PJSIP/sup-5", SpyMode.LISTEN);
        adapter.hangUp(id); // before the supervisor's phone answers: ChanSpy would find no channel

        ended(id);
        awaitTrue(() -> simulator.channelCount() == 0, "the supervisor's leg hung up by Dozvon");
        assertThat(simulator.spies()).hasSize(1);
    }

    @Test
    void spyingOnACallNotBridgedToAnOperatorSendsNothing() throws InterruptedException {
        start(Duration.ofSeconds(30));
        CallId waiting = dial("answer", new CallRoute.WaitForOperator(Duration.ofSeconds(20)), false,
                Duration.ofSeconds(5));
        recorder.await(waiting, CallEvent.CallAnswered.class, WAIT);
        CallId bridged = dial("answer", new CallRoute.ToOperator("PJSIP/op-8"), false, Duration.ofSeconds(5));
        recorder.await(bridged, CallEvent.CallBridged.class, WAIT);

        adapter.spy(waiting, "PJSIP/sup-3", SpyMode.BARGE);
        adapter.spy(bridged, "PJSIP/sup-3", SpyMode.BARGE); // sent after the first, on the same thread

        awaitTrue(() -> !simulator.spies().isEmpty(), "the second call's ChanSpy");
        assertThat(simulator.spies()).extracting(SpyRequest::spiedCallId).containsExactly(bridged.value());
        assertThatThrownBy(() -> adapter.spy(bridged, "not a phone", SpyMode.LISTEN))
                .isInstanceOf(IllegalArgumentException.class);
        adapter.hangUp(waiting);
        adapter.hangUp(bridged);
        ended(waiting);
        ended(bridged);
    }

    @Test
    void takeOverConnectsTheCustomerToTheSupervisorsPhoneWithoutAutoAnswer() throws InterruptedException {
        start(Duration.ofSeconds(30));
        CallId id = dial("answer", new CallRoute.ToOperator("PJSIP/op-9"), false, Duration.ofSeconds(5));
        recorder.await(id, CallEvent.CallBridged.class, WAIT);
        adapter.connectToOperator(id, "PJSIP/op-10", true);
        awaitTrue(() -> simulator.autoAnswered().contains("PJSIP/op-10"), "the auto-answered operator");

        adapter.takeOver(id, "PJSIP/sup-4");

        awaitTrue(() -> recorder.of(id).stream().filter(CallEvent.CallBridged.class::isInstance)
                .anyMatch(event -> ((CallEvent.CallBridged) event).operatorChannel().startsWith("PJSIP/sup-4-")),
                "bridged to the supervisor");
        assertThat(simulator.autoAnswered()).doesNotContain("PJSIP/sup-4");
        awaitTrue(() -> simulator.channelCount() == 3, "the operator's leg hung up");
        adapter.hangUp(id);
        assertThat(ended(id).outcome()).isEqualTo(CallOutcome.ANSWERED);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + WAIT + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}
