package org.dozvon.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** "Domain account" on the login form against an in-process directory (UnboundID) with an AD-like tree. */
class LdapLoginTests extends ApplicationTestBase {

    static LdapDirectoryServer directory;

    @Autowired
    LdapSettingsStore store;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startDirectory() throws Exception {
        directory = new LdapDirectoryServer();
    }

    @AfterAll
    static void stopDirectory() {
        directory.close();
    }

    @BeforeEach
    void pointAtDirectory() {
        store.save(settings(directory.url()));
        store.addMapping("cn=Dozvon Supervisors,ou=Groups,dc=bank,dc=local", "SUPERVISOR");
        store.addMapping("Dozvon Operators", "OPERATOR");
    }

    @AfterEach
    void switchOff() {
        store.save(settings(directory.url()).withBindPassword(null).disabled());
        store.mappings().forEach(mapping -> store.removeMapping(mapping.id()));
    }

    static LdapSettings settings(String url) {
        return new LdapSettings(true, url, LdapDirectoryServer.BASE_DN, LdapDirectoryServer.BIND_DN,
                LdapDirectoryServer.BIND_PASSWORD, "ou=Users", "(sAMAccountName={0})", "ou=Groups", "(member={0})",
                "displayName", "mail", "title");
    }

    private HttpResponse<String> domainLogin(PortalClient portal, String login, String password) {
        return portal.submit("/login", "/login", Map.of("username", login, "password", password,
                "accountType", "domain"));
    }

    @Test
    void aUserOfAMappedGroupLogsInThroughTheFormWithTheMappedRolesPages() {
        PortalClient portal = new PortalClient(port);
        HttpResponse<String> login = domainLogin(portal, "m.ivanova", "Domain-Password-1");
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).doesNotContain("error"));

        assertThat(portal.get("/campaigns").statusCode()).isEqualTo(200);
        assertThat(portal.get("/operators").statusCode()).isEqualTo(200);
        assertThat(portal.get("/settings/users").statusCode()).isEqualTo(403);
        assertThat(portal.get("/strategies").statusCode()).isEqualTo(403);

        Map<String, Object> row = jdbc.sql("""
                        select account_type, password_hash, display_name, email, position from access_user
                         where username = 'm.ivanova'""").query().singleRow();
        assertThat(row).containsEntry("account_type", "LDAP").containsEntry("display_name", "Мария Ивановна Иванова")
                .containsEntry("email", "m.ivanova@bank.local").containsEntry("position", "Руководитель группы взыскания");
        assertThat(row.get("password_hash")).isNull();
    }

    @Test
    void aGroupMappedByItsCommonNameGivesItsRole() {
        PortalClient portal = new PortalClient(port);
        domainLogin(portal, "s.ivanov", "Domain-Password-3");
        assertThat(portal.get("/arm").statusCode()).isEqualTo(200);
        assertThat(portal.get("/campaigns").statusCode()).isEqualTo(403);
    }

    @Test
    void aUserOfNoMappedGroupIsRefusedWithTheReason() {
        PortalClient portal = new PortalClient(port);
        HttpResponse<String> login = domainLogin(portal, "o.petrov", "Domain-Password-2");
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).contains("/login?error"));
        assertThat(portal.get("/login?error").body()).contains("no group that gives a Dozvon role");
        assertThat(portal.get("/campaigns").statusCode()).isNotEqualTo(200);
    }

    @Test
    void aWrongDomainPasswordIsRefused() {
        PortalClient portal = new PortalClient(port);
        HttpResponse<String> login = domainLogin(portal, "m.ivanova", "Wrong-Password-1");
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).contains("/login?error"));
        assertThat(portal.get("/login?error").body()).contains("Wrong user name or password");
        assertThat(portal.get("/campaigns").statusCode()).isNotEqualTo(200);
    }

    @Test
    void anUnreachableDirectorySaysSoAndLocalLoginsStillWork() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        store.save(settings("ldap://localhost:" + closedPort));
        PortalClient portal = new PortalClient(port);
        domainLogin(portal, "m.ivanova", "Domain-Password-1");
        assertThat(portal.get("/login?error").body()).contains("The domain directory cannot be reached");

        PortalClient local = new PortalClient(port);
        local.login("admin", ADMIN_PASSWORD);
        assertThat(local.get("/settings/users").statusCode()).isEqualTo(200);
    }

    @Test
    void aDomainAccountCannotLogInAsALocalOneNorALocalAsADomainOne() {
        domainLogin(new PortalClient(port), "m.ivanova", "Domain-Password-1");
        PortalClient asLocal = new PortalClient(port);
        asLocal.login("m.ivanova", "Domain-Password-1");
        assertThat(asLocal.get("/campaigns").statusCode()).isNotEqualTo(200);

        PortalClient adminAsDomain = new PortalClient(port);
        domainLogin(adminAsDomain, "admin", ADMIN_PASSWORD);
        assertThat(adminAsDomain.get("/login?error").body()).contains("is a local account");
    }
}
