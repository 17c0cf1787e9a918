package org.dozvon.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dozvon.PortalClient;
import org.dozvon.TestApplications;
import org.dozvon.TestDataDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A newcomer's first start: no deployer password, so Dozvon prints a random one once, forces its
 * change at the first login, and after a restart remembers the new one and prints nothing again.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstAdministratorTests {

    private static final Pattern PRINTED_PASSWORD = Pattern.compile("password: (\\S+)");

    @Test
    void generatedPasswordIsPrintedOnceAndMustBeChangedAtFirstLogin(CapturedOutput output) {
        Path dataDir = TestDataDirectories.fresh("first-start");
        String newPassword = "My-own-password-1";

        try (ConfigurableApplicationContext app = TestApplications.start(dataDir)) {
            Matcher printed = PRINTED_PASSWORD.matcher(output.getOut());
            assertThat(printed.find()).as("the generated password is in the log").isTrue();
            String generated = printed.group(1);
            assertThat(generated).hasSizeGreaterThanOrEqualTo(16);
            assertThat(output.getOut()).contains("must be changed at the first login");

            PortalClient portal = new PortalClient(TestApplications.port(app));
            assertThat(portal.login("admin", generated).headers().firstValue("Location"))
                    .hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));

            HttpResponse<String> anyPage = portal.get("/campaigns");
            assertThat(anyPage.statusCode()).isEqualTo(302);
            assertThat(anyPage.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/account/password"));
            assertThat(portal.get("/account/password").body()).contains("Choose a new password before you go on");

            HttpResponse<String> tooShort = changePassword(portal, generated, "short", "short");
            assertThat(tooShort.statusCode()).isEqualTo(400);
            assertThat(tooShort.body()).contains("too short: it needs at least 10 characters");

            HttpResponse<String> wrongCurrent = changePassword(portal, "not-it-at-all", newPassword, newPassword);
            assertThat(wrongCurrent.statusCode()).isEqualTo(400);
            assertThat(wrongCurrent.body()).contains("The current password is wrong");

            HttpResponse<String> mismatch = changePassword(portal, generated, newPassword, newPassword + "x");
            assertThat(mismatch.statusCode()).isEqualTo(400);
            assertThat(mismatch.body()).contains("The two new passwords differ");

            HttpResponse<String> changed = changePassword(portal, generated, newPassword, newPassword);
            assertThat(changed.statusCode()).isEqualTo(302);
            assertThat(portal.get("/campaigns").statusCode()).isEqualTo(200);

            assertThat(new PortalClient(TestApplications.port(app)).api("/api/v1/me", "admin", generated).statusCode())
                    .as("the generated password no longer works").isEqualTo(401);
        }

        int printedBefore = countMatches(output.getOut());
        try (ConfigurableApplicationContext restarted = TestApplications.start(dataDir)) {
            assertThat(countMatches(output.getOut())).as("no new password printed after a restart")
                    .isEqualTo(printedBefore);
            PortalClient portal = new PortalClient(TestApplications.port(restarted));
            HttpResponse<String> me = portal.api("/api/v1/me", "admin", newPassword);
            assertThat(me.statusCode()).as("the changed password survived the restart").isEqualTo(200);
            assertThat(me.body()).contains("\"mustChangePassword\":false");
        }
    }

    @Test
    void deployerChosenPasswordNeedsNoChange(CapturedOutput output) {
        Path dataDir = TestDataDirectories.fresh("deployer-password");

        try (ConfigurableApplicationContext app = TestApplications.start(dataDir,
                "DOZVON_ADMIN_PASSWORD=Chosen-By-Deployer-1")) {
            assertThat(output.getOut()).contains("with the password from DOZVON_ADMIN_PASSWORD")
                    .doesNotContain("Chosen-By-Deployer-1");
            PortalClient portal = new PortalClient(TestApplications.port(app));
            portal.login("admin", "Chosen-By-Deployer-1");
            assertThat(portal.get("/campaigns").statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> changePassword(PortalClient portal, String current, String next,
                                                       String confirmation) {
        return portal.submit("/account/password", "/account/password",
                Map.of("currentPassword", current, "newPassword", next, "confirmation", confirmation));
    }

    private static int countMatches(String text) {
        Matcher matcher = PRINTED_PASSWORD.matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
