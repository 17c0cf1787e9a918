package org.dozvon.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.junit.jupiter.api.Test;

/** Settings → Users, driven through the real pages as an administrator would. */
class UserAdministrationTests extends ApplicationTestBase {

    private static final Pattern TEMPORARY_PASSWORD = Pattern.compile("id=\"temporary-password\">([^<]+)<");

    @Test
    void administratorCreatesASupervisorWhoMustChooseTheirOwnPassword() {
        PortalClient admin = loggedInAdmin();
        String username = unique("p.petrova");

        HttpResponse<String> created = create(admin, username, "Полина Петрова", "SUPERVISOR");

        assertThat(created.statusCode()).isEqualTo(302);
        String userPage = created.headers().firstValue("Location").orElseThrow();
        String page = admin.get(userPage).body();
        assertThat(page).contains("User created.").contains("Temporary password, shown only now");
        String temporary = temporaryPasswordOn(page);
        assertThat(admin.get(userPage).body()).as("shown once").doesNotContain(temporary);

        PortalClient supervisor = new PortalClient(port);
        supervisor.login(username, temporary);
        assertThat(supervisor.get("/campaigns").headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/account/password"));
        supervisor.submit("/account/password", "/account/password", Map.of("currentPassword", temporary,
                "newPassword", "Supervisor-own-1", "confirmation", "Supervisor-own-1"));
        assertThat(supervisor.get("/campaigns").statusCode()).isEqualTo(200);
        assertThat(supervisor.get("/settings/users").statusCode()).isEqualTo(403);

        assertThat(admin.get("/settings/users?q=" + username).body())
                .contains(username).contains("Полина Петрова").contains("Supervisor");
    }

    @Test
    void badInputIsRefusedWithAMessageBesideTheField() {
        PortalClient admin = loggedInAdmin();

        HttpResponse<String> badName = create(admin, "has space", "Someone", "OPERATOR");
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(badName.body()).contains("may contain letters, digits and . _ @ - only");

        HttpResponse<String> noRole = create(admin, unique("norole"), "Someone");
        assertThat(noRole.statusCode()).isEqualTo(400);
        assertThat(noRole.body()).contains("Choose at least one role");

        HttpResponse<String> noName = create(admin, unique("noname"), " ", "OPERATOR");
        assertThat(noName.body()).contains("Enter the name of the person");

        HttpResponse<String> taken = create(admin, "ADMIN", "Another admin", "ADMIN");
        assertThat(taken.statusCode()).isEqualTo(400);
        assertThat(taken.body()).contains("The user name &#39;ADMIN&#39; is taken");
    }

    @Test
    void resetPasswordForcesAChangeAndDisablingStopsLogins() {
        PortalClient admin = loggedInAdmin();
        String username = unique("o.orlov");
        String userPage = create(admin, username, "Oleg Orlov", "OPERATOR").headers().firstValue("Location").orElseThrow();
        String first = temporaryPasswordOn(admin.get(userPage).body());

        admin.submit(userPage, userPage + "/password", Map.of());
        String second = temporaryPasswordOn(admin.get(userPage).body());
        assertThat(second).isNotEqualTo(first);
        assertThat(new PortalClient(port).api("/api/v1/me", username, first).statusCode()).isEqualTo(401);

        admin.submit(userPage, userPage + "/enabled", Map.of("enabled", "false"));
        assertThat(admin.get(userPage).body()).contains("The user can no longer log in.");
        assertThat(new PortalClient(port).login(username, second).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).contains("/login?error"));
    }

    @Test
    void theLastAdministratorCannotBeDisabledNorLoseTheRole() {
        PortalClient admin = loggedInAdmin();
        String adminPage = "/settings/users/" + adminId(admin);

        admin.submit(adminPage, adminPage + "/enabled", Map.of("enabled", "false"));
        assertThat(admin.get(adminPage).body()).contains("You cannot disable your own account.");

        HttpResponse<String> demoted = admin.submit(adminPage, adminPage,
                Map.of("displayName", "Administrator", "roles", "OPERATOR"));
        assertThat(demoted.statusCode()).isEqualTo(400);
        assertThat(demoted.body()).contains("This is the last enabled administrator");
    }

    private PortalClient loggedInAdmin() {
        PortalClient admin = portal();
        admin.login("admin", ADMIN_PASSWORD);
        return admin;
    }

    private static HttpResponse<String> create(PortalClient admin, String username, String displayName, String... roles) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("displayName", displayName);
        // one checkbox per role: only a single role fits a map, which is all these tests need
        for (String role : roles) {
            form.put("roles", role);
        }
        return admin.submit("/settings/users/new", "/settings/users", form);
    }

    private static String temporaryPasswordOn(String page) {
        Matcher matcher = TEMPORARY_PASSWORD.matcher(page);
        assertThat(matcher.find()).as("a temporary password is shown").isTrue();
        return matcher.group(1);
    }

    private static long adminId(PortalClient admin) {
        Matcher link = Pattern.compile("href=\"/settings/users/(\\d+)\">admin<").matcher(admin.get("/settings/users?q=admin").body());
        assertThat(link.find()).isTrue();
        return Long.parseLong(link.group(1));
    }

    private static String unique(String base) {
        return base + "." + UUID.randomUUID().toString().substring(0, 8);
    }
}
