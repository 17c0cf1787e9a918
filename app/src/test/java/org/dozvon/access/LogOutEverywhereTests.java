package org.dozvon.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** "Log out everywhere" in the user menu and "End sessions" on Settings → Users end every session of the user. */
class LogOutEverywhereTests extends ApplicationTestBase {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.springframework.context.ApplicationContext context;

    private static final String PASSWORD = "Everywhere-pass-1";

    private String user(String username) {
        new TestUsers(context).ensure(username, PASSWORD, false, "SUPERVISOR");
        return username;
    }

    @Test
    void logOutEverywhereEndsTheUsersOtherSessionsToo() {
        String username = user("everywhere.office");
        PortalClient office = portal();
        office.login(username, PASSWORD);
        PortalClient home = portal();
        home.login(username, PASSWORD);
        assertThat(home.get("/campaigns").statusCode()).isEqualTo(200);

        HttpResponse<String> everywhere = office.submit("/campaigns", "/account/sessions/end", Map.of());

        assertThat(everywhere.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?logout"));
        assertThat(home.get("/campaigns").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(office.get("/campaigns").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void anAdministratorEndsAnotherUsersSessions() {
        PortalClient admin = portal();
        admin.login("admin", ADMIN_PASSWORD);
        String username = user("everywhere.ended");
        PortalClient other = portal();
        other.login(username, PASSWORD);
        assertThat(other.get("/campaigns").statusCode()).isEqualTo(200);
        long id = jdbc.sql("select id from access_user where username = ?").param(username).query(Long.class).single();
        String page = "/settings/users/" + id;

        HttpResponse<String> ended = admin.submit(page, page + "/sessions/end", Map.of());

        assertThat(ended.statusCode()).isEqualTo(302);
        assertThat(admin.get(page).statusCode()).as("the administrator's own session goes on").isEqualTo(200);
        assertThat(other.get("/campaigns").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'user.end-sessions' and object_id = ?")
                .param(String.valueOf(id)).query(Long.class).single()).isPositive();
    }
}
