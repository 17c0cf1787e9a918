package org.dozvon;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts whole Dozvon applications beside the shared one, for tests about start-up itself: first
 * start, restart, a second instance, an external database. Settings are passed as command-line
 * arguments, which outrank application.yml and the developer's own environment (say, a
 * DOZVON_ADMIN_PASSWORD), so nothing outside the test changes its outcome.
 */
public final class TestApplications {

    private TestApplications() {
    }

    /** @param overrides {@code key=value} settings that replace the defaults below */
    public static ConfigurableApplicationContext start(Path dataDir, String... overrides) {
        return start(dataDir, new Class<?>[0], overrides);
    }

    /**
     * @param extraSources classes whose {@code @Bean} methods add to the application (a test's replacement of a
     *                     bean, say a movable clock marked {@code @Primary}); they must not be {@code @Configuration} or
     *                     {@code @Component}, lest the shared application scan them too
     */
    public static ConfigurableApplicationContext start(Path dataDir, Class<?>[] extraSources, String... overrides) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", "0");
        settings.put("DOZVON_DATA_DIR", dataDir.toString());
        settings.put("DOZVON_ADMIN_PASSWORD", "");
        settings.put("DOZVON_DB_URL", "");
        // Several engines live in one test JVM. Camunda's web apps keep JVM-wide state, so only the
        // shared application (ApplicationTestBase) runs them; these side applications do not need them.
        settings.put("camunda.bpm.generate-unique-process-engine-name", "true");
        settings.put("camunda.bpm.webapp.enabled", "false");
        settings.put("spring.jmx.enabled", "false");
        for (String override : overrides) {
            int equals = override.indexOf('=');
            settings.put(override.substring(0, equals), override.substring(equals + 1));
        }
        String[] arguments = settings.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
        Class<?>[] sources = new Class<?>[extraSources.length + 1];
        sources[0] = DozvonApplication.class;
        System.arraycopy(extraSources, 0, sources, 1, extraSources.length);
        return new SpringApplicationBuilder(sources).run(arguments);
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }
}
