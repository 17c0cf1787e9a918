package org.dozvon.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.ApplicationTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forwarding of audit records as syslog (RFC 5424) to an in-process receiver: over TCP with octet-counting frames
 * (RFC 6587) and over UDP; only after the record's transaction commits.
 */
class AuditSyslogTests extends ApplicationTestBase {

    /** {@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] BOM MSG} */
    private static final Pattern MESSAGE = Pattern.compile(
            "<(\\d+)>1 (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) \\[audit@32473((?: \\w+=\"(?:[^\"\\\\]|\\\\.)*\")*)] \uFEFF(.*)",
            Pattern.DOTALL);
    private static final Pattern PARAM = Pattern.compile(" (\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Autowired
    ObjectMapper json;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void aRecordGoesOverTcpInAnOctetCountedFrameOnlyOnceItsTransactionCommits() throws Exception {
        try (ServerSocket receiver = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            receiver.setSoTimeout(30_000);
            AuditForwarder forwarder = forwarder(AuditProperties.Protocol.TCP, receiver.getLocalPort());
            try {
                transactions.executeWithoutResult(status -> {
                    forwarder.recorded(event(1, "campaign.weight"));
                    status.setRollbackOnly();
                });
                transactions.executeWithoutResult(status -> forwarder.recorded(event(2, "campaign.weight")));
                forwarder.recorded(event(3, "login.failed"));

                try (Socket connection = receiver.accept()) {
                    connection.setSoTimeout(30_000);
                    DataInputStream in = new DataInputStream(connection.getInputStream());
                    Parsed committed = parse(frame(in));
                    Parsed failed = parse(frame(in));

                    assertThat(committed.params.get("id")).as("the rolled-back record 1 is never sent").isEqualTo("2");
                    assertThat(committed.priority).isEqualTo(13 * 8 + 5);
                    assertThat(committed.appName).isEqualTo("dozvon-test");
                    assertThat(committed.messageId).isEqualTo("campaign.weight");
                    assertThat(committed.timestamp).isEqualTo("2026-11-20T10:15:30.123456Z");
                    assertThat(committed.params).containsEntry("user", "super\\\"visor").containsEntry("roles", "SUPERVISOR")
                            .containsEntry("action", "campaign.weight").containsEntry("objectType", "campaign")
                            .containsEntry("objectId", "42");
                    assertThat(committed.body.get("before").get("weight").asInt()).isEqualTo(3);
                    assertThat(committed.body.get("after").get("weight").asInt()).isEqualTo(8);
                    assertThat(failed.priority).as("a failed login is a warning").isEqualTo(13 * 8 + 4);
                }
            } finally {
                forwarder.stop();
            }
        }
    }

    @Test
    void aRecordGoesOverUdpAsOneDatagram() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            receiver.setSoTimeout(30_000);
            AuditForwarder forwarder = forwarder(AuditProperties.Protocol.UDP, receiver.getLocalPort());
            try {
                forwarder.recorded(event(7, "export"));

                DatagramPacket packet = new DatagramPacket(new byte[65_535], 65_535);
                receiver.receive(packet);
                Parsed parsed = parse(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));

                assertThat(parsed.messageId).isEqualTo("export");
                assertThat(parsed.params).containsEntry("id", "7").containsEntry("objectId", "42");
                assertThat(parsed.body.get("after").get("weight").asInt()).isEqualTo(8);
            } finally {
                forwarder.stop();
            }
        }
    }

    @Test
    void aDeadReceiverNeverHoldsUpARecordItIsDroppedAndCounted() throws Exception {
        int closedPort;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = unused.getLocalPort();
        }
        AuditForwarder forwarder = new AuditForwarder(new AuditProperties(3, 24, 100_000,
                new AuditProperties.Syslog(true, "127.0.0.1", closedPort, AuditProperties.Protocol.TCP, "dozvon-test", 13, 1)),
                json);
        try {
            for (int i = 0; i < 50; i++) {
                forwarder.recorded(event(i, "campaign.weight")); // returns at once: the queue holds one
            }
            assertThat(forwarder.dropped()).isPositive();
        } finally {
            forwarder.stop();
        }
    }

    private AuditForwarder forwarder(AuditProperties.Protocol protocol, int port) {
        return new AuditForwarder(new AuditProperties(3, 24, 100_000,
                new AuditProperties.Syslog(true, "127.0.0.1", port, protocol, "dozvon-test", 13, 100)), json);
    }

    private static AuditEvent event(long id, String action) {
        return new AuditEvent(id, Instant.parse("2026-11-20T10:15:30.123456Z"), "super\"visor", "SUPERVISOR", action,
                "campaign", "42", "{\"weight\": 3}", "{\"weight\": 8}");
    }

    /** One RFC 6587 octet-counted frame: the length in digits, a space, that many bytes. */
    private static String frame(InputStream in) throws IOException {
        StringBuilder length = new StringBuilder();
        int c;
        while ((c = in.read()) != ' ') {
            assertThat(c).as("a digit of the frame length").isBetween((int) '0', (int) '9');
            length.append((char) c);
        }
        byte[] message = new byte[Integer.parseInt(length.toString())];
        new DataInputStream(in).readFully(message);
        return new String(message, StandardCharsets.UTF_8);
    }

    private record Parsed(int priority, String timestamp, String appName, String messageId, Map<String, String> params,
                          JsonNode body) {
    }

    private Parsed parse(String message) throws IOException {
        Matcher matcher = MESSAGE.matcher(message);
        assertThat(matcher.matches()).as(message).isTrue();
        Map<String, String> params = new LinkedHashMap<>();
        Matcher param = PARAM.matcher(matcher.group(7));
        while (param.find()) {
            params.put(param.group(1), param.group(2));
        }
        return new Parsed(Integer.parseInt(matcher.group(1)), matcher.group(2), matcher.group(4), matcher.group(6), params,
                json.readTree(matcher.group(8)));
    }

}
