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
    }

    protected PortalClient portal() {
        return new PortalClient(port);
    }
}
