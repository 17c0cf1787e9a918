package org.dozvon.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The local password policy: length and kinds of characters, no reuse, expiry — through the real pages. */
class PasswordPolicyTests extends ApplicationTestBase {


    @Autowired
    JdbcClient jdbc;

    @Test
    void aWeakPasswordIsRefusedNamingTheKindsOfCharactersItLacks() {
        Account account = newSupervisor();

        HttpResponse<String> onlyLetters = change(account.portal, account.password, "onlylowercaseletters");

        assertThat(onlyLetters.statusCode()).isEqualTo(400);
        assertThat(onlyLetters.body())
                .contains("must mix at least 3 of the four kinds of characters; it has 1")
                .contains("Missing: capital letters (A–Z).")
                .contains("Missing: digits (0–9).")
                .contains("Missing: other characters")
                .doesNotContain("Missing: lower-case letters");

        HttpResponse<String> tooShort = change(account.portal, account.password, "Ab1-x");
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(tooShort.body()).contains("The new password is too short: it needs at least 10 characters");

        HttpResponse<String> threeKinds = change(account.portal, account.password, "Three kinds here");
        assertThat(threeKinds.statusCode()).as("lower, upper and spaces: 3 of 4").isEqualTo(302);
    }

    @Test
    void noneOfTheLastFivePasswordsMayBeChosenAgain() {
        Account account = newSupervisor();
        String current = account.password;
        for (int i = 1; i <= 5; i++) {
            String next = "Own-password-" + i;
            assertThat(change(account.portal, current, next).statusCode()).isEqualTo(302);
            current = next;
        }

        HttpResponse<String> same = change(account.portal, current, current);
        assertThat(same.statusCode()).isEqualTo(400);
        assertThat(same.body()).contains("must differ from the current one");

        HttpResponse<String> reused = change(account.portal, current, "Own-password-1");
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(reused.body()).contains("was used before: none of your last 5 passwords may be chosen again");

        assertThat(change(account.portal, current, "Own-password-6").statusCode()).isEqualTo(302);
        assertThat(change(account.portal, "Own-password-6", "Own-password-1").statusCode())
                .as("the sixth-last password has left the history").isEqualTo(302);
    }

    @Test
    void aPasswordOlderThanTheExpiryMustBeChangedAtTheNextLogin() {
        Account account = newSupervisor();
        assertThat(change(account.portal, account.password, "Fresh-password-1").statusCode()).isEqualTo(302);
        PortalClient fresh = portal();
        fresh.login(account.username, "Fresh-password-1");
        assertThat(fresh.get("/campaigns").statusCode()).as("a fresh password lets the user in").isEqualTo(200);

        jdbc.sql("update access_user set password_changed_at = ? where lower(username) = lower(?)")
                .params(Timestamp.from(Instant.now().minus(91, ChronoUnit.DAYS)), account.username).update();

        PortalClient later = portal();
        later.login(account.username, "Fresh-password-1");
        assertThat(later.get("/campaigns").headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/account/password"));
        assertThat(later.get("/account/password").body()).contains("or has expired");
        assertThat(change(later, "Fresh-password-1", "Renewed-password-1").statusCode()).isEqualTo(302);
        assertThat(later.get("/campaigns").statusCode()).isEqualTo(200);
    }

    private record Account(String username, String password, PortalClient portal) {
    }

    /** A new supervisor, logged in, with the temporary password the administrator was shown. */
    private Account newSupervisor() {
        PortalClient admin = portal();
        admin.login("admin", ADMIN_PASSWORD);
        NewPortalUsers.Created created = NewPortalUsers.supervisor(admin, "policy", "Policy Tester");
        PortalClient user = portal();
        user.login(created.username(), created.temporaryPassword());
        return new Account(created.username(), created.temporaryPassword(), user);
    }

    private static HttpResponse<String> change(PortalClient portal, String current, String next) {
        return portal.submit("/account/password", "/account/password",
                Map.of("currentPassword", current, "newPassword", next, "confirmation", next));
    }
}
