package org.dozvon;

import java.nio.file.Path;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Dozvon most tests share: the real application on a random port with its embedded
 * PostgreSQL in a fresh data directory, its administrator's password chosen by the "deployer", and
 * its metrics exported as in production.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
public abstract class ApplicationTestBase {

    public static final String ADMIN_PASSWORD = "Deployer-Chosen-1";
    private static final Path DATA_DIR = TestDataDirectories.fresh("shared");

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void sharedApplication(DynamicPropertyRegistry registry) {
        registry.add("dozvon.database.data-dir", DATA_DIR::toString);
        registry.add("dozvon.access.admin-password", () -> ADMIN_PASSWORD);
        // campaigns started by tests are really dialled (through the simulator): short calls, frequent ticks
        FAST_TELEPHONY.forEach((key, value) -> registry.add(key, () -> value));
        UNLIMITED_API.forEach((key, value) -> registry.add(key, () -> value));
        FAST_WEBHOOKS.forEach((key, value) -> registry.add(key, () -> value));
    }

    /**
     * Tests call the API as fast as the machine goes, mostly as one user: the installation's per-credential rate
     * limit would refuse them. The limit itself is tested with a token's own limit (ApiTokensTests).
     */
    public static final java.util.Map<String, String> UNLIMITED_API = java.util.Map.of(
            "dozvon.access.rate-limit.requests-per-second", "1000000",
            "dozvon.access.rate-limit.burst", "1000000");

    /** Webhook deliveries looked for every 100 ms and tried again within a second (the 24 h horizon stays). */
    public static final java.util.Map<String, String> FAST_WEBHOOKS = java.util.Map.of(
            "dozvon.webhooks.poll-interval", "100ms",
            "dozvon.webhooks.first-retry", "200ms",
            "dozvon.webhooks.max-retry", "1s",
            "dozvon.webhooks.connect-timeout", "1s",
            "dozvon.webhooks.request-timeout", "3s");

    /** A simulated PBX whose calls last about a second, and a dialer that looks every 200 ms. */
    public static final java.util.Map<String, String> FAST_TELEPHONY = java.util.Map.of(
            "dozvon.telephony.simulator.ring-time-min", "100ms",
            "dozvon.telephony.simulator.ring-time-max", "400ms",
            "dozvon.telephony.simulator.talk-time-min", "300ms",
            "dozvon.telephony.simulator.talk-time-max", "900ms",
            "dozvon.telephony.simulator.amd-time", "100ms",
            "dozvon.dialing.ring-timeout", "1s",
            "dozvon.telephony.simulator.operator-answer-time", "200ms",
            "dozvon.dialing.tick", "200ms",
            // no bots unless a test logs them in; they act every 200 ms
            "dozvon.agents.bots", "0",
            "dozvon.agents.sweep", "200ms");

    protected PortalClient portal() {
        return new PortalClient(port);
    }
}
