package org.dozvon.telephony.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.dozvon.telephony.TelephonyProperties;

/**
 * The simulator's device states as a raw AMI client sees them: {@code DeviceStateList} answered as Asterisk's
 * {@code res_manager_devicestate} does, and {@code DeviceStateChange} events when a phone registers, unregisters, or
 * is rung and answers for an operator's leg.
 */
class DeviceStateListTests {

    private AmiSimulator simulator;
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;
    private final List<AmiMessage> received = new ArrayList<>();

    @BeforeEach
    void connect() throws IOException {
        simulator = new AmiSimulator(new TelephonyProperties.Simulator(0, 3, 1, 0, 0, 0, 0, 0,
                Duration.ofMillis(30), Duration.ofMillis(30), Duration.ofMillis(200), Duration.ofMillis(200),
                Duration.ofMillis(40), Duration.ofMillis(40)), "dialer", "secret").start();
        socket = new Socket(simulator.host(), simulator.port());
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        assertThat(in.readLine()).isEqualTo("Asterisk Call Manager/11.0.0");
        send("Action: Login\r\nActionID: login-1\r\nUsername: dialer\r\nSecret: secret\r\n\r\n");
        until(m -> "FullyBooted".equals(m.get("Event")));
    }

    @AfterEach
    void close() throws IOException {
        socket.close();
        simulator.close();
    }

    @Test
    void deviceStateListListsTheKnownPhonesLikeAsterisk() throws IOException {
        simulator.register("PJSIP/101");
        simulator.register("PJSIP/102");
        simulator.unregister("PJSIP/102");

        send("Action: DeviceStateList\r\nActionID: dsl-1\r\n\r\n");
        until(m -> "DeviceStateListComplete".equals(m.get("Event")));

        List<AmiMessage> answer = received.subList(received.indexOf(received.stream()
                .filter(m -> m.get("Response") != null && "dsl-1".equals(m.get("ActionID"))).findFirst()
                .orElseThrow()), received.size());
        AmiMessage ack = answer.get(0);
        assertThat(ack.get("Response")).isEqualTo("Success");
        assertThat(ack.get("ActionID")).isEqualTo("dsl-1");
        assertThat(ack.get("EventList")).isEqualTo("start");
        assertThat(ack.get("Message")).isEqualTo("Device State Changes will follow");
        assertThat(answer.subList(1, 3)).allSatisfy(event -> {
            assertThat(event.get("Event")).isEqualTo("DeviceStateChange");
            assertThat(event.get("ActionID")).isEqualTo("dsl-1");
            assertThat(event.get("Privilege")).as("none in a list, as Asterisk").isNull();
        });
        assertThat(answer.subList(1, 3)).extracting(event -> event.get("Device") + " " + event.get("State"))
                .containsExactly("PJSIP/101 NOT_INUSE", "PJSIP/102 UNAVAILABLE");
        AmiMessage complete = answer.get(3);
        assertThat(complete.get("ActionID")).isEqualTo("dsl-1");
        assertThat(complete.get("EventList")).isEqualTo("Complete");
        assertThat(complete.get("ListItems")).isEqualTo("2");
    }

    @Test
    void aSimulatorThatDialledNobodyListsNoPhone() throws IOException {
        send("Action: DeviceStateList\r\nActionID: dsl-2\r\n\r\n");

        AmiMessage complete = until(m -> "DeviceStateListComplete".equals(m.get("Event")));

        assertThat(complete.get("ListItems")).isEqualTo("0");
        assertThat(received).noneMatch(m -> "DeviceStateChange".equals(m.get("Event")));
    }

    @Test
    void registeringAndUnregisteringAPhoneAreEvents() throws IOException {
        simulator.register("PJSIP/103");
        AmiMessage registered = until(m -> "DeviceStateChange".equals(m.get("Event")));
        simulator.register("PJSIP/103"); // no change, no event
        simulator.unregister("PJSIP/103");
        AmiMessage unregistered = until(m -> "DeviceStateChange".equals(m.get("Event")) && m != registered);

        assertThat(registered.get("Privilege")).isEqualTo("call,all");
        assertThat(registered.get("Device") + " " + registered.get("State")).isEqualTo("PJSIP/103 NOT_INUSE");
        assertThat(unregistered.get("Device") + " " + unregistered.get("State")).isEqualTo("PJSIP/103 UNAVAILABLE");
    }

    @Test
    void anOperatorsPhoneRingsIsInUseWhileBridgedAndIdleAfterTheCall() throws IOException {
        send("""
                Action: Originate\r
                ActionID: call-1\r
                Channel: Local/answer@sim-outcomes\r
                Timeout: 5000\r
                Async: true\r
                ChannelId: dz-1\r
                Context: dozvon-outbound\r
                Exten: s\r
                Priority: 1\r
                Variable: DOZVON_ROUTE=operator\r
                Variable: DOZVON_OPERATOR=PJSIP/101\r
                Variable: DOZVON_AMD=no\r
                \r
                """);
        until(m -> "Hangup".equals(m.get("Event")) && "dz-1".equals(m.get("Uniqueid")));
        until(m -> "DeviceStateChange".equals(m.get("Event")) && "NOT_INUSE".equals(m.get("State")));

        List<String> phone = new ArrayList<>();
        for (AmiMessage message : received) {
            String channel = message.get("Channel", "");
            if ("DeviceStateChange".equals(message.get("Event"))) {
                phone.add(message.get("Device") + " " + message.get("State"));
            } else if (channel.startsWith("PJSIP/101-") && List.of("Newchannel", "Newstate", "Hangup")
                    .contains(message.get("Event"))) {
                phone.add(message.get("Event"));
            }
        }
        assertThat(phone).containsExactly("Newchannel", "PJSIP/101 RINGING", "Newstate", "PJSIP/101 INUSE",
                "Hangup", "PJSIP/101 NOT_INUSE");
        assertThat(simulator.deviceStates()).containsOnlyKeys("PJSIP/101");
    }

    private void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads until a message matches (keeping everything read); fails at the socket's timeout. */
    private AmiMessage until(Predicate<AmiMessage> wanted) throws IOException {
        AmiMessage message;
        while ((message = AmiMessage.read(in)) != null) {
            received.add(message);
            if (wanted.test(message)) {
                return message;
            }
        }
        throw new AssertionError("The simulator closed the connection; received: " + received);
    }
}
