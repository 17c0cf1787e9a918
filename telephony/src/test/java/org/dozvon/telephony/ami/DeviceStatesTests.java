package org.dozvon.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.dozvon.telephony.CallEvent;
import org.dozvon.telephony.CallId;
import org.dozvon.telephony.CallRoute;
import org.dozvon.telephony.DeviceState;
import org.dozvon.telephony.OriginateRequest;
import org.dozvon.telephony.TelephonyProperties;
import org.dozvon.telephony.simulator.AmiSimulator;

/**
 * The phones' states through the AMI adapter, against the AMI simulator over TCP: the list Asterisk gives after each
 * login, the DeviceStateChange events after it, and nothing while the connection is down.
 */
class DeviceStatesTests {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private AmiSimulator simulator;
    private AmiPbxAdapter adapter;
    private final CallRecorder recorder = new CallRecorder();

    @BeforeEach
    void startSimulator() {
        simulator = new AmiSimulator(new TelephonyProperties.Simulator(0, 5, 1, 0, 0, 0, 0, 0,
                Duration.ofMillis(40), Duration.ofMillis(80), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofMillis(50), Duration.ofMillis(50)), "dozvon", "test-secret").start();
    }

    @AfterEach
    void stop() {
        if (adapter != null) {
            adapter.close();
        }
        simulator.close();
    }

    private void connect() throws InterruptedException {
        adapter = new AmiPbxAdapter(new AmiPbxAdapter.Settings(simulator.host(), simulator.port(), "dozvon",
                "test-secret", "Local/{number}@sim-outcomes", "dozvon-outbound", Duration.ofSeconds(1),
                Duration.ofSeconds(5)), Clock.systemUTC());
        adapter.addListener(recorder);
        adapter.start();
        assertThat(adapter.awaitConnected(WAIT)).as("logged in").isTrue();
    }

    @Test
    void phonesThePbxKnowsBeforeTheLoginAreListedAfterIt() throws InterruptedException {
        simulator.register("PJSIP/101");
        simulator.register("PJSIP/102");
        simulator.unregister("PJSIP/102");

        connect();

        awaitTrue(() -> adapter.deviceStates().size() == 2, "the DeviceStateList answer applied");
        assertThat(adapter.deviceStates()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PJSIP/101", DeviceState.NOT_INUSE, "PJSIP/102", DeviceState.UNAVAILABLE));
        assertThat(adapter.deviceStates().get("PJSIP/101").registered()).isTrue();
        assertThat(adapter.deviceStates().get("PJSIP/102").registered()).isFalse();
    }

    @Test
    void aPhoneNeverHeardOfIsAbsentNotUnregistered() throws InterruptedException {
        connect();
        simulator.register("PJSIP/101");
        awaitTrue(() -> adapter.deviceStates().containsKey("PJSIP/101"), "the registration");

        assertThat(adapter.deviceStates()).doesNotContainKey("PJSIP/777");
    }

    @Test
    void anOperatorsPhoneIsInUseWhileItsCallIsUpAndIdleAfter() throws InterruptedException {
        connect();
        simulator.customersStay(true);
        simulator.register("PJSIP/op-1");
        awaitTrue(() -> adapter.deviceStates().get("PJSIP/op-1") == DeviceState.NOT_INUSE, "registered, idle");

        CallId id = CallId.of("dev-1");
        adapter.originate(new OriginateRequest(id, "answer", null, Duration.ofSeconds(5),
                new CallRoute.ToOperator("PJSIP/op-1"), false, Map.of()));
        recorder.await(id, CallEvent.CallBridged.class, WAIT);

        awaitTrue(() -> adapter.deviceStates().get("PJSIP/op-1") == DeviceState.INUSE, "in use during the call");
        adapter.hangUp(id);
        recorder.await(id, CallEvent.CallEnded.class, WAIT);
        awaitTrue(() -> adapter.deviceStates().get("PJSIP/op-1") == DeviceState.NOT_INUSE, "idle after the call");
    }

    @Test
    void aPhoneDialledForTheFirstTimeBecomesKnown() throws InterruptedException {
        connect();
        simulator.customersStay(true);

        CallId id = CallId.of("dev-2");
        adapter.originate(new OriginateRequest(id, "answer", null, Duration.ofSeconds(5),
                new CallRoute.ToOperator("PJSIP/op-2"), false, Map.of()));
        recorder.await(id, CallEvent.CallBridged.class, WAIT);
        adapter.hangUp(id);
        recorder.await(id, CallEvent.CallEnded.class, WAIT);

        awaitTrue(() -> adapter.deviceStates().get("PJSIP/op-2") == DeviceState.NOT_INUSE, "known and idle");
        assertThat(simulator.deviceStates()).containsEntry("PJSIP/op-2", DeviceState.NOT_INUSE);
    }

    @Test
    void anUnregisteredPhoneIsUnavailable() throws InterruptedException {
        connect();
        simulator.register("PJSIP/103");
        awaitTrue(() -> adapter.deviceStates().get("PJSIP/103") == DeviceState.NOT_INUSE, "registered");

        simulator.unregister("PJSIP/103");

        awaitTrue(() -> adapter.deviceStates().get("PJSIP/103") == DeviceState.UNAVAILABLE, "unregistered");
        assertThat(adapter.deviceStates().get("PJSIP/103").registered()).isFalse();
        simulator.register("PJSIP/103");
        awaitTrue(() -> adapter.deviceStates().get("PJSIP/103") == DeviceState.NOT_INUSE, "registered again");
    }

    @Test
    void nothingIsKnownWhileTheConnectionIsDownAndTheListComesBackWithIt() throws InterruptedException {
        simulator.register("PJSIP/104");
        connect();
        awaitTrue(() -> adapter.deviceStates().containsKey("PJSIP/104"), "listed");

        simulator.stopListening();
        awaitTrue(() -> !adapter.connected(), "the adapter noticed");

        assertThat(adapter.deviceStates()).isEmpty();
        simulator.unregister("PJSIP/104"); // while nobody listens
        simulator.resumeListening();
        awaitTrue(adapter::connected, "logged in again");
        awaitTrue(() -> adapter.deviceStates().get("PJSIP/104") == DeviceState.UNAVAILABLE,
                "the state it got meanwhile, from the list");
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
