package org.dozvon.access;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Forwards every audit record, once its transaction has committed, to a security system as a syslog message
 * (RFC 5424) over TCP with octet-counting framing (RFC 6587) or over UDP. Off unless
 * {@code dozvon.access.audit.syslog.enabled}. Records wait in a bounded queue and one background thread sends
 * them, so a slow or dead receiver never holds up or fails a change: when the queue is full, or the receiver
 * cannot be reached, the record is dropped, counted ({@link #dropped()}) and logged. The journal in the database
 * stays complete either way.
 *
 * <p>A message: {@code <PRI>1 TIMESTAMP HOST APP-NAME PROCID ACTION [audit@32473 id=… user=… roles=… action=…
 * objectType=… objectId=…] {"before":…,"after":…}} — severity notice (5), warning (4) for a failed login;
 * 32473 is the enterprise number RFC 5612 reserves for examples and documentation.
 */
@Component
class AuditForwarder {

    private static final Logger log = LoggerFactory.getLogger(AuditForwarder.class);
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final AuditProperties.Syslog settings;
    private final ObjectMapper json;
    private final BlockingQueue<AuditEvent> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final String host;
    private final String processId = String.valueOf(ProcessHandle.current().pid());
    private final Thread sender;
    private volatile boolean running = true;
    private Socket socket;
    private DatagramSocket datagrams;

    AuditForwarder(AuditProperties properties, ObjectMapper json) {
        this.settings = properties.syslog();
        this.json = json;
        this.queue = new ArrayBlockingQueue<>(settings.queueSize());
        this.host = localHost();
        if (settings.enabled()) {
            sender = new Thread(this::send, "audit-syslog");
            sender.setDaemon(true);
            sender.start();
            log.info("audit journal forwarded as syslog over {} to {}:{}", settings.protocol(), settings.host(),
                    settings.port());
        } else {
            sender = null;
        }
    }

    /** Called by {@link Audit} for each record: queued after the commit of the current transaction, if any. */
    void recorded(AuditEvent event) {
        if (!settings.enabled()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    enqueue(event);
                }
            });
        } else {
            enqueue(event);
        }
    }

    /** Records dropped since start: queue full or receiver unreachable. */
    long dropped() {
        return dropped.get();
    }

    private void enqueue(AuditEvent event) {
        if (!queue.offer(event)) {
            drop(event, "the queue of " + settings.queueSize() + " is full");
        }
    }

    private void drop(AuditEvent event, String why) {
        long count = dropped.incrementAndGet();
        if (count == 1 || count % 1000 == 0) {
            log.warn("audit record {} not forwarded to syslog ({}); {} dropped so far", event.id(), why, count);
        }
    }

    private void send() {
        while (running) {
            AuditEvent event;
            try {
                event = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (event == null) {
                continue;
            }
            try {
                write(message(event).getBytes(StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                closeQuietly();
                drop(event, e.toString());
            }
        }
        closeQuietly();
    }

    private void write(byte[] message) throws IOException {
        if (settings.protocol() == AuditProperties.Protocol.UDP) {
            if (datagrams == null) {
                datagrams = new DatagramSocket();
            }
            datagrams.send(new DatagramPacket(message, message.length, InetAddress.getByName(settings.host()),
                    settings.port()));
            return;
        }
        if (socket == null) {
            Socket fresh = new Socket();
            fresh.connect(new InetSocketAddress(settings.host(), settings.port()), 3000);
            fresh.setSoTimeout(3000);
            socket = fresh;
        }
        OutputStream out = socket.getOutputStream();
        out.write((message.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.write(message);
        out.flush();
    }

    /** The RFC 5424 message of one record (without the TCP frame's length). */
    String message(AuditEvent event) {
        int severity = event.action().startsWith("login.failed") ? 4 : 5;
        int priority = settings.facility() * 8 + severity;
        String structured = "[audit@32473"
                + param("id", String.valueOf(event.id()))
                + param("user", event.username())
                + param("roles", event.roles())
                + param("action", event.action())
                + param("objectType", event.objectType())
                + (event.objectId() == null ? "" : param("objectId", event.objectId()))
                + "]";
        return "<" + priority + ">1 " + TIMESTAMP.format(event.at()) + " " + header(host, 255) + " "
                + header(settings.appName(), 48) + " " + processId + " " + header(event.action(), 32) + " "
                + structured + " \uFEFF" + body(event);
    }

    private String body(AuditEvent event) {
        ObjectNode body = json.createObjectNode();
        body.set("before", tree(event.before()));
        body.set("after", tree(event.after()));
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode tree(String value) {
        try {
            return value == null ? json.nullNode() : json.readTree(value);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(value);
        }
    }

    private static String param(String name, String value) {
        String escaped = value.replace("\\", "\\\\").replace("\"", "\\\"").replace("]", "\\]");
        return " " + name + "=\"" + escaped + "\"";
    }

    /** A header field: printable US-ASCII without spaces, at most {@code max} characters, "-" when empty. */
    private static String header(String value, int max) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (out.length() == max) {
                break;
            }
            out.append(c > 32 && c < 127 ? c : '_');
        }
        return out.isEmpty() ? "-" : out.toString();
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "-";
        }
    }

    private void closeQuietly() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing a broken connection
        }
        socket = null;
        if (datagrams != null) {
            datagrams.close();
            datagrams = null;
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        if (sender != null) {
            sender.interrupt();
        }
    }
}
