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
 * A supervisor's ChanSpy originate as a raw AMI client sees it: the supervisor's phone gets a channel of its own
 * (Uniqueid and Linkedid the originate's ChannelId), rings, answers, and ChanSpy starts on the operator's channel;
 * when that channel hangs up ChanSpy stops and the supervisor's channel hangs up (option E).
 */
class ChanSpyTests {

    private AmiSimulator simulator;
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;
    private final List<AmiMessage> received = new ArrayList<>();

    @BeforeEach
    void connect() throws IOException {
        simulator = new AmiSimulator(new TelephonyProperties.Simulator(0, 3, 1, 0, 0, 0, 0, 0,
                Duration.ofMillis(30), Duration.ofMillis(30), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofMillis(40), Duration.ofMillis(40)), "dialer", "secret").start();
        socket = new Socket(simulator.host(), simulator.port());
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        assertThat(in.readLine()).isEqualTo("Asterisk Call Manager/11.0.0");
        send("Action: Login\r\nActionID: login-1\r\nUsername: dialer\r\nSecret: secret\r\n\r\n");
    }

    @AfterEach
    void close() throws IOException {
        socket.close();
        simulator.close();
    }

    @Test
    void chanSpyOriginateRingsTheSupervisorSpiesOnTheOperatorAndLeavesWithIt() throws IOException {
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
        AmiMessage bridged = until(m -> "BridgeEnter".equals(m.get("Event")) && "dz-1".equals(m.get("Uniqueid")));
        String operatorChannel = received.stream().filter(m -> "BridgeEnter".equals(m.get("Event")))
                .map(m -> m.get("Channel")).filter(name -> name.startsWith("PJSIP/101-")).findFirst().orElseThrow();
        assertThat(bridged).isNotNull();

        send("""
                Action: Originate\r
                ActionID: spy-1\r
                Channel: PJSIP/200\r
                Timeout: 30000\r
                Async: true\r
                ChannelId: dz-1-spy1\r
                Application: ChanSpy\r
                Data: %s,qEw\r
                Variable: DOZVON_SPY_CALL_ID=dz-1\r
                \r
                """.formatted(operatorChannel));
        int from = received.size();
        AmiMessage start = until(m -> "ChanSpyStart".equals(m.get("Event")));
        assertThat(start.get("SpyerUniqueid")).isEqualTo("dz-1-spy1");
        assertThat(start.get("SpyerLinkedid")).as("not the spied call's").isEqualTo("dz-1-spy1");
        assertThat(start.get("SpyeeChannel")).isEqualTo(operatorChannel);
        assertThat(start.get("SpyeeLinkedid")).isEqualTo("dz-1");
        assertThat(simulator.spies()).containsExactly(
                new SpyRequest("dz-1-spy1", "PJSIP/200", operatorChannel, "qEw", "dz-1"));

        String customerChannel = received.stream().filter(m -> "Newchannel".equals(m.get("Event"))
                && "dz-1".equals(m.get("Uniqueid"))).map(m -> m.get("Channel")).findFirst().orElseThrow();
        send("Action: Hangup\r\nActionID: hangup-1\r\nChannel: " + customerChannel + "\r\nCause: 16\r\n\r\n");
        until(m -> "Hangup".equals(m.get("Event")) && "dz-1-spy1".equals(m.get("Uniqueid")));

        List<String> spyLeg = new ArrayList<>();
        for (AmiMessage message : received.subList(from, received.size())) {
            String event = message.get("Event", "");
            boolean supervisor = "dz-1-spy1".equals(message.get("Uniqueid"))
                    || "dz-1-spy1".equals(message.get("DestUniqueid")) || event.startsWith("ChanSpy");
            if (supervisor && !event.equals("SoftHangupRequest")) {
                spyLeg.add(event + switch (event) {
                    case "Newstate" -> " " + message.get("ChannelState");
                    case "DialEnd" -> " " + message.get("DialStatus");
                    case "OriginateResponse" -> " " + message.get("Response") + " " + message.get("Reason");
                    case "Hangup" -> " " + message.get("Cause");
                    default -> "";
                });
            } else if (message.get("Response") != null) {
                assertThat(message.get("Response")).as(message.toString()).isEqualTo("Success");
            }
        }
        assertThat(spyLeg).containsExactly("Newchannel", "DialBegin", "Newstate 5", "DialState", "Newstate 6",
                "DialEnd ANSWER", "OriginateResponse Success 4", "ChanSpyStart", "ChanSpyStop", "Hangup 16");
        assertThat(received.stream().filter(m -> "Hangup".equals(m.get("Event")))
                .filter(m -> m.get("Channel").startsWith("PJSIP/101-")).findFirst())
                .as("the operator's channel hung up before ChanSpy stopped").isPresent();
        assertThat(simulator.channelCount()).isZero();
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
