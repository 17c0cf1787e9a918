package org.dozvon.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Five wrong passwords in a row lock a local account for a while; unknown names learn nothing. */
class LoginLockoutTests extends ApplicationTestBase {

    private static final String PASSWORD = "Chosen-password-1";

    @Autowired
    JdbcClient jdbc;

    @Test
    void fiveWrongPasswordsLockTheAccountUntilTheLockEnds() {
        String username = newSupervisor();
        for (int i = 0; i < 5; i++) {
            assertThat(location(portal().login(username, "Wrong-password-" + i))).endsWith("/login?error");
        }

        PortalClient rightPassword = portal();
        HttpResponse<String> refused = rightPassword.login(username, PASSWORD);
        assertThat(location(refused)).endsWith("/login?locked");
        assertThat(rightPassword.get("/login?locked").body())
                .contains("Too many wrong passwords: this account is locked until");
        assertThat(rightPassword.get("/campaigns").statusCode()).as("not logged in").isEqualTo(302);

        // the lock ends: as if 15 minutes had passed
        jdbc.sql("update access_user set locked_until = ? where lower(username) = lower(?)")
                .params(Timestamp.from(Instant.now().minusSeconds(1)), username).update();
        PortalClient later = portal();
        assertThat(location(later.login(username, PASSWORD))).doesNotContain("/login");
        assertThat(later.get("/campaigns").statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select failed_logins from access_user where lower(username) = lower(?)")
                .param(username).query(Integer.class).single()).as("reset by the success").isZero();
    }

    @Test
    void anUnknownUserGetsTheSameMessageAsAWrongPasswordAndIsNeverToldOfALock() {
        String unknown = "nobody." + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 7; i++) {
            assertThat(location(portal().login(unknown, "Wrong-password-" + i))).endsWith("/login?error");
        }
        assertThat(portal().get("/login?error").body()).contains("Wrong user name or password.");
    }

    @Test
    void anAdministratorUnlocksALockedAccount() {
        String username = newSupervisor();
        for (int i = 0; i < 5; i++) {
            portal().login(username, "Wrong-password-" + i);
        }
        PortalClient admin = portal();
        admin.login("admin", ADMIN_PASSWORD);
        long id = jdbc.sql("select id from access_user where lower(username) = lower(?)").param(username)
                .query(Long.class).single();
        String userPage = "/settings/users/" + id;
        assertThat(admin.get(userPage).body()).contains("locked until");

        HttpResponse<String> unlocked = admin.submit(userPage, userPage + "/unlock", Map.of());
        assertThat(unlocked.statusCode()).isEqualTo(302);
        assertThat(admin.get(userPage).body()).contains("User unlocked.").doesNotContain("locked until");

        PortalClient user = portal();
        user.login(username, PASSWORD);
        assertThat(user.get("/campaigns").statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'user.unlock' and object_id = ?")
                .param(String.valueOf(id)).query(Long.class).single()).isEqualTo(1);
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    /** A new supervisor who has already chosen {@link #PASSWORD}. */
    private String newSupervisor() {
        PortalClient admin = portal();
        admin.login("admin", ADMIN_PASSWORD);
        NewPortalUsers.Created created = NewPortalUsers.supervisor(admin, "lockout", "Lockout Tester");
        PortalClient user = portal();
        user.login(created.username(), created.temporaryPassword());
        user.submit("/account/password", "/account/password", Map.of("currentPassword", created.temporaryPassword(),
                "newPassword", PASSWORD, "confirmation", PASSWORD));
        return created.username();
    }
}
