package org.dozvon.telephony.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.dozvon.telephony.TelephonyProperties;

/**
 * The simulator's events for each outcome have the names, key headers and order of what Asterisk 22.10.1
 * sent for the same outcome (the transcripts in {@code src/test/resources/asterisk-ami}, copied from the
 * users' reference folder). A raw AMI client sends the Originate the transcript's client sent.
 *
 * <p>Two things are left out of the comparison because Asterisk itself varies them between the
 * transcripts: SoftHangupRequest events (amd-human has one more than answer-bridge-agent for the same
 * teardown), and, for amd-machine, what comes before DialEnd (the ;2 half goes Up before DialBegin there,
 * after it in every other answered call).
 */
class TranscriptConformanceTests {

    private static AmiSimulator simulator;

    @BeforeAll
    static void startSimulator() {
        TelephonyProperties.Simulator settings = new TelephonyProperties.Simulator(0, 7, 1, 1, 1, 1, 1, 1,
                Duration.ofMillis(30), Duration.ofMillis(30), Duration.ofMillis(150), Duration.ofMillis(150),
                Duration.ofMillis(40), Duration.ofMillis(40));
        simulator = new AmiSimulator(settings, "dialer", "secret").start();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "answer,answer,",
            "busy,busy,",
            "noanswer,noanswer,",
            "congestion,congestion,",
            "machine,machine,",
            "reject,reject,",
            "unallocated,unallocated,",
            "nosuchexten,nosuchexten,",
            "answer-bridge-agent,answer,operator",
            "amd-human,human,amd",
            "amd-machine,machine,amd"})
    void simulatorSendsTheEventsAsteriskSentForTheSameOutcome(String transcript, String exten, String dialplan)
            throws IOException {
        List<String> expected = keyEvents(resource(transcript + ".txt"));
        List<String> actual = keyEvents(originate(transcript, exten, dialplan));
        assertThat(expected).as("events of the transcript").hasSizeGreaterThanOrEqualTo(5);

        if (transcript.equals("amd-machine")) {
            expected = fromDialEnd(expected);
            actual = fromDialEnd(actual);
        }
        assertThat(actual).as(transcript).containsExactlyElementsOf(expected);
    }

    private static List<String> fromDialEnd(List<String> events) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith("DialEnd")) {
                return events.subList(i, events.size());
            }
        }
        return events;
    }

    /** Talks AMI as the transcripts' client did and returns everything the simulator answered. */
    private static String originate(String name, String exten, String dialplan) throws IOException {
        try (Socket socket = new Socket(simulator.host(), simulator.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("Asterisk Call Manager/11.0.0");
            send(out, "Action: Login\r\nActionID: login-1\r\nUsername: dialer\r\nSecret: secret\r\n\r\n");
            StringBuilder originate = new StringBuilder("Action: Originate\r\nActionID: orig-" + name + "\r\n"
                    + "Channel: Local/" + exten + "@sim-outcomes\r\nTimeout: 300\r\n"
                    + "CallerID: \"Dialer\" <1000>\r\nAsync: true\r\nChannelId: sim-" + name + "-1\r\n");
            if (dialplan == null) {
                originate.append("Application: Wait\r\nData: 40\r\n");
            } else {
                originate.append("Context: dozvon-outbound\r\nExten: s\r\nPriority: 1\r\n")
                        .append("Variable: DOZVON_ROUTE=operator\r\n")
                        .append("Variable: DOZVON_OPERATOR=Local/agent-1@agents\r\n")
                        .append("Variable: DOZVON_AMD=").append(dialplan.equals("amd") ? "yes" : "no").append("\r\n");
            }
            send(out, originate.append("\r\n").toString());

            StringBuilder received = new StringBuilder();
            Set<String> open = new HashSet<>();
            boolean responded = false;
            AmiMessage message;
            while ((message = AmiMessage.read(in)) != null) {
                received.append(message.format());
                String event = message.get("Event", "");
                if (event.equals("Newchannel")) {
                    open.add(message.get("Channel"));
                } else if (event.equals("Hangup")) {
                    open.remove(message.get("Channel"));
                } else if (event.equals("OriginateResponse")) {
                    responded = true;
                }
                if (responded && open.isEmpty() && event.equals("Hangup") || responded && open.isEmpty()
                        && event.equals("OriginateResponse")) {
                    break;
                }
            }
            send(out, "Action: Logoff\r\nActionID: logoff-1\r\n\r\n");
            return received.toString();
        }
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TranscriptConformanceTests.class.getResourceAsStream("/asterisk-ami/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The events the adapter reads, with their key headers, channels named by role (C1, C2, A1, A2). */
    static List<String> keyEvents(String transcript) throws IOException {
        BufferedReader reader = new BufferedReader(new StringReader(transcript.replace("\r", "")));
        List<String> events = new ArrayList<>();
        AmiMessage message;
        while ((message = AmiMessage.read(reader)) != null) {
            String event = message.get("Event");
            if (event == null) {
                continue;
            }
            switch (event) {
                case "Newchannel" -> events.add("Newchannel " + role(message.get("Channel")));
                case "Newstate" -> events.add("Newstate " + role(message.get("Channel")) + " "
                        + message.get("ChannelState"));
                case "DialBegin" -> events.add("DialBegin " + role(message.get("DestChannel")));
                case "DialEnd" -> events.add("DialEnd " + role(message.get("DestChannel")) + " "
                        + message.get("DialStatus"));
                case "OriginateResponse" -> events.add("OriginateResponse " + message.get("Response") + " "
                        + message.get("Reason") + " " + role(message.get("Channel")));
                case "HangupRequest", "Hangup" -> events.add(event + " " + role(message.get("Channel")) + " "
                        + message.get("Cause"));
                case "UserEvent" -> events.add("UserEvent " + role(message.get("Channel")) + " "
                        + message.get("UserEvent") + " " + message.get("Status"));
                case "BridgeEnter", "BridgeLeave" -> events.add(event + " " + role(message.get("Channel")));
                default -> {
                }
            }
        }
        return events;
    }

    private static String role(String channel) {
        if (channel == null) {
            return "-";
        }
        String who = channel.contains("@agents") ? "A" : "C";
        if (channel.endsWith(";1")) {
            return who + "1";
        }
        if (channel.endsWith(";2")) {
            return who + "2";
        }
        return who + "(dial string)";
    }
}
