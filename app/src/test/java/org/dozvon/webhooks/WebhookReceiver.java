package org.dozvon.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * A CRM's webhook endpoint in the test's JVM (the JDK's HTTP server): keeps every request with the status it answered,
 * answers with the status it is told to, and checks signatures the way docs/api.md tells a CRM to.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Received(Map<String, List<String>> headers, String body, int answered) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String type() {
            return header("Dozvon-Event-Type");
        }

        /** Whether Dozvon-Signature is HMAC-SHA256 of "timestamp.body" with the secret, for Dozvon-Timestamp. */
        boolean signedWith(String secret) {
            String timestamp = header("Dozvon-Timestamp");
            String signature = header("Dozvon-Signature");
            return timestamp != null && signature != null
                    && signature.equals("t=" + timestamp + ",v1=" + hmacHex(timestamp + "." + body, secret));
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    /** Listens on a free port of the loopback interface. */
    WebhookReceiver() {
        this(0);
    }

    /** Listens on this port (0: any free one). */
    WebhookReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            int answer = status;
            try (InputStream in = exchange.getRequestBody()) {
                received.add(new Received(Map.copyOf(exchange.getRequestHeaders()),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8), answer));
            }
            byte[] body = (answer < 300 ? "{\"ok\":true}" : "{\"error\":\"unavailable\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** A loopback port nothing listens on (right now). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String url(int port) {
        return "http://127.0.0.1:" + port + "/dozvon/events";
    }

    String url() {
        return url(server.getAddress().getPort());
    }

    /** From now on, answer every request with this status. */
    void answer(int status) {
        this.status = status;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> ofEvent(String eventId) {
        return received.stream().filter(r -> eventId.equals(r.header("Dozvon-Event-Id"))).toList();
    }

    static String hmacHex(String message, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
