package org.dozvon.agents;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.DozvonApplication;
import org.dozvon.TestDataDirectories;
import org.dozvon.dialing.OperatorPool;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code bin/bench operators [bots] [minutes] [--setting=value ...]}: a call center of {@code bots} simulated
 * operators (default 100) working a predictive campaign against the AMI simulator for {@code minutes} (default 3),
 * the whole application as the README runs it (embedded PostgreSQL, the simulator over TCP, a 1 s dialer tick).
 * Calls are shorter than real ones (ring 1–6 s, talk 10–40 s, wrap-up up to 3 s) so that a few minutes see
 * thousands of calls. Every second it samples the operators' states; at the end it prints calls per minute,
 * persons connected and abandoned, the operators' occupancy (share of logged-in time holding a call) and the wait
 * from "a person is there" to "bridged to an operator". Prints figures; asserts nothing.
 */
public final class OperatorsBenchmark {

    private static final String PASSWORD = "Benchmark-pass-1";

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        List<String> settings = new ArrayList<>();
        for (String arg : args) {
            (arg.startsWith("--") ? settings : positional).add(arg);
        }
        int bots = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 100;
        int minutes = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 3;
        Path data = TestDataDirectories.fresh("bench-operators");
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--DOZVON_DATA_DIR=" + data,
                "--DOZVON_ADMIN_PASSWORD=" + PASSWORD, "--DOZVON_DB_URL=", "--DOZVON_AMI_HOST=",
                "--logging.level.root=warn", "--dozvon.agents.bots=" + bots, "--dozvon.agents.bot-wrap-up=3s",
                "--dozvon.agents.sweep=500ms",
                "--dozvon.telephony.simulator.ring-time-min=1s", "--dozvon.telephony.simulator.ring-time-max=6s",
                "--dozvon.telephony.simulator.talk-time-min=10s", "--dozvon.telephony.simulator.talk-time-max=40s",
                "--dozvon.telephony.simulator.amd-time=1s", "--dozvon.telephony.simulator.operator-answer-time=300ms"));
        arguments.addAll(settings);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DozvonApplication.class)
                .run(arguments.toArray(String[]::new))) {
            run(app, bots, minutes);
        } finally {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    private static void run(ConfigurableApplicationContext app, int bots, int minutes) throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        Api api = new Api("http://localhost:" + port);
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        OperatorPool pool = app.getBean(OperatorPool.class);
        int contacts = bots * minutes * 12;
        long started = System.nanoTime();
        api.post("/api/v1/contact-fields", "{\"code\": \"mobile\", \"name\": \"Mobile\", \"type\": \"PHONE\"}");
        long list = api.id(api.post("/api/v1/contact-lists", "{\"name\": \"Load\", \"fields\": [{\"code\": \"mobile\"}]}"));
        for (int from = 0; from < contacts; from += 1000) {
            StringBuilder batch = new StringBuilder("[");
            for (int i = from; i < Math.min(contacts, from + 1000); i++) {
                batch.append(i == from ? "" : ",").append("{\"mobile\": \"+7901").append(String.format("%07d", i)).append("\"}");
            }
            api.post("/api/v1/contact-lists/" + list + "/contacts", batch + "]");
        }
        String allDay = "[{\"from\": \"00:00\", \"to\": \"12:00\"}, {\"from\": \"12:00\", \"to\": \"00:00\"}]";
        long campaign = api.id(api.post("/api/v1/campaigns", """
                {"name": "Load", "strategyKey": "standard", "lists": [%d], "timeZoneMode": "CAMPAIGN",
                 "callingHours": {"WORKDAY": %s, "WEEKEND": %2$s, "HOLIDAY": %2$s},
                 "dialing": {"mode": "PREDICTIVE", "wrapUpSeconds": 10}}""".formatted(list, allDay)));
        // the seeded connector carries 30 calls; a call center of this size needs about two lines per operator
        api.put("/api/v1/connectors/1", "{\"name\": \"AMI\", \"position\": 1, \"capacity\": %d, \"active\": true}"
                .formatted(bots * 2));
        api.post("/api/v1/campaigns/" + campaign + "/start", null);
        System.out.printf("setup: %d bots, %,d contacts, campaign %d in %.1f s; running %d min%n", bots, contacts,
                campaign, (System.nanoTime() - started) / 1e9, minutes);

        Map<OperatorPool.SeatState, Long> seconds = new EnumMap<>(OperatorPool.SeatState.class);
        long samples = 0;
        long end = System.nanoTime() + minutes * 60_000_000_000L;
        long measuredFrom = System.currentTimeMillis();
        while (System.nanoTime() < end) {
            for (OperatorPool.Seat seat : pool.working()) {
                seconds.merge(seat.state(), 1L, Long::sum);
            }
            samples++;
            if (samples % 30 == 0) {
                System.out.printf("  %3d s: %s%n", samples, seconds);
            }
            Thread.sleep(1000);
        }
        double wall = (System.currentTimeMillis() - measuredFrom) / 60_000.0;
        api.post("/api/v1/campaigns/" + campaign + "/pause", null);

        Map<String, Object> calls = jdbc.sql("""
                select count(*) as calls,
                       count(*) filter (where waiting_at is not null) as persons,
                       count(*) filter (where bridged_at is not null) as connected,
                       count(*) filter (where outcome = 'ABANDONED') as abandoned,
                       count(*) filter (where outcome = 'ABANDONED' and waiting_at is null) as abandoned_before_waiting,
                       count(*) filter (where outcome = 'ABANDONED' and operator_id is not null) as abandoned_reserved,
                       count(*) filter (where outcome = 'MACHINE') as machines,
                       count(*) filter (where outcome = 'MACHINE' and bridged_at is not null) as machines_bridged,
                       percentile_cont(0.5) within group (order by extract(epoch from bridged_at - waiting_at))
                           filter (where bridged_at is not null and waiting_at is not null) as wait_p50,
                       percentile_cont(0.99) within group (order by extract(epoch from bridged_at - waiting_at))
                           filter (where bridged_at is not null and waiting_at is not null) as wait_p99
                from call_attempt where campaign_id = :c""").param("c", campaign).query().singleRow();
        long total = seconds.values().stream().mapToLong(Long::longValue).sum();
        long holding = total - seconds.getOrDefault(OperatorPool.SeatState.READY, 0L);
        long persons = ((Number) calls.get("persons")).longValue();
        long abandoned = ((Number) calls.get("abandoned")).longValue();
        System.out.printf("states (operator-seconds): %s; abandoned before waiting %s, with an operator reserved %s%n",
                seconds, calls.get("abandoned_before_waiting"), calls.get("abandoned_reserved"));
        System.out.printf("operators bots=%d minutes=%d calls=%d calls_per_min=%.0f persons=%d connected=%s"
                        + " abandon=%.4f machines=%s machines_bridged=%s occupancy=%.3f wait_p50_ms=%.0f wait_p99_ms=%.0f%n",
                bots, minutes, ((Number) calls.get("calls")).longValue(), ((Number) calls.get("calls")).longValue() / wall,
                persons, calls.get("connected"), persons == 0 ? 0 : abandoned / (double) persons, calls.get("machines"),
                calls.get("machines_bridged"), total == 0 ? 0 : holding / (double) total,
                number(calls.get("wait_p50")) * 1000, number(calls.get("wait_p99")) * 1000);
    }

    private static double number(Object value) {
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }

    /** The REST API as the admin. */
    private record Api(String base) {
        private static final HttpClient HTTP = HttpClient.newHttpClient();
        private static final ObjectMapper JSON = new ObjectMapper();

        String put(String path, String body) throws Exception {
            return send("PUT", path, body);
        }

        String post(String path, String body) throws Exception {
            return send("POST", path, body);
        }

        private String send(String method, String path, String body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json");
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        }

        long id(String body) throws Exception {
            return JSON.readTree(body).get("id").asLong();
        }
    }
}
