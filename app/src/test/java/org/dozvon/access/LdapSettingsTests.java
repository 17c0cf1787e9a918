package org.dozvon.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
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

/** Settings → LDAP and "add user from domain", against an in-process directory (UnboundID). */
class LdapSettingsTests extends ApplicationTestBase {

    static LdapDirectoryServer directory;

    @Autowired
    LdapSettingsStore store;

    @Autowired
    JdbcClient jdbc;

    PortalClient admin;

    @BeforeAll
    static void startDirectory() throws Exception {
        directory = new LdapDirectoryServer();
    }

    @AfterAll
    static void stopDirectory() {
        directory.close();
    }

    @BeforeEach
    void logIn() {
        admin = new PortalClient(port);
        admin.login("admin", ADMIN_PASSWORD);
    }

    @AfterEach
    void switchOff() {
        store.save(LdapLoginTests.settings(directory.url()).disabled());
        store.mappings().forEach(mapping -> store.removeMapping(mapping.id()));
    }

    private Map<String, String> form(String url, String bindPassword) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("enabled", "true");
        form.put("urls", url);
        form.put("baseDn", LdapDirectoryServer.BASE_DN);
        form.put("bindDn", LdapDirectoryServer.BIND_DN);
        form.put("bindPassword", bindPassword);
        form.put("userSearchBase", "ou=Users");
        form.put("userSearchFilter", "(sAMAccountName={0})");
        form.put("groupSearchBase", "ou=Groups");
        form.put("groupSearchFilter", "(member={0})");
        form.put("nameAttribute", "displayName");
        form.put("emailAttribute", "mail");
        form.put("positionAttribute", "title");
        return form;
    }

    @Test
    void savedSettingsKeepTheBindPasswordSealedAndNeverShowIt() {
        HttpResponse<String> saved = admin.submit("/settings/ldap", "/settings/ldap",
                form(directory.url(), LdapDirectoryServer.BIND_PASSWORD));
        assertThat(saved.statusCode()).isEqualTo(302);

        String sealed = jdbc.sql("select bind_password_sealed from access_ldap_settings").query(String.class).single();
        assertThat(sealed).isNotBlank().doesNotContain(LdapDirectoryServer.BIND_PASSWORD);
        assertThat(store.settings().bindPassword()).isEqualTo(LdapDirectoryServer.BIND_PASSWORD);
        String page = admin.get("/settings/ldap").body();
        assertThat(page).contains(directory.url()).doesNotContain(LdapDirectoryServer.BIND_PASSWORD);
        assertThat(jdbc.sql("select after_value::text from audit_event where action = 'ldap.settings' order by id desc limit 1")
                .query(String.class).single()).contains(directory.url()).doesNotContain(LdapDirectoryServer.BIND_PASSWORD);

        // saved again with the password field empty: the stored one stays
        admin.submit("/settings/ldap", "/settings/ldap", form(directory.url(), ""));
        assertThat(store.settings().bindPassword()).isEqualTo(LdapDirectoryServer.BIND_PASSWORD);
    }

    @Test
    void testConnectionSaysWhetherTheServiceAccountBinds() {
        HttpResponse<String> ok = admin.submit("/settings/ldap", "/settings/ldap/test",
                form(directory.url(), LdapDirectoryServer.BIND_PASSWORD));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("Connected: the service account binds");

        HttpResponse<String> wrong = admin.submit("/settings/ldap", "/settings/ldap/test",
                form(directory.url(), "Not-The-Password"));
        assertThat(wrong.body()).contains("The directory could not be used").doesNotContain("Not-The-Password");
    }

    @Test
    void anAddressThatIsNotLdapIsRefused() {
        HttpResponse<String> refused = admin.submit("/settings/ldap", "/settings/ldap",
                form("http://dc1.bank.local", LdapDirectoryServer.BIND_PASSWORD));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("ldaps://host:636");
    }

    @Test
    void tryingALoginShowsTheGroupsAndTheRolesTheyGive() {
        store.save(LdapLoginTests.settings(directory.url()));
        HttpResponse<String> added = admin.submit("/settings/ldap", "/settings/ldap/mappings",
                Map.of("group", "Dozvon Supervisors", "role", "SUPERVISOR"));
        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(store.mappings()).extracting(LdapSettingsStore.GroupRole::group).containsExactly("Dozvon Supervisors");

        String result = admin.submit("/settings/ldap", "/settings/ldap/try",
                Map.of("login", "m.ivanova", "password", "Domain-Password-1")).body();
        assertThat(result).contains("cn=Dozvon Supervisors,ou=Groups,dc=bank,dc=local").contains("Supervisor")
                .contains("Руководитель группы взыскания");
        assertThat(admin.submit("/settings/ldap", "/settings/ldap/try",
                Map.of("login", "o.petrov", "password", "Domain-Password-2")).body())
                .contains("Accounting").contains("in no group that gives a Dozvon role");
    }

    @Test
    void addUserFromDomainSearchesPrefillsAndCreatesTheDomainRow() {
        store.save(LdapLoginTests.settings(directory.url()));
        assertThat(admin.get("/settings/users/domain?q=iv").body()).contains("at least 3 characters");

        String found = admin.get("/settings/users/domain?q=ivano").body();
        assertThat(found).contains("m.ivanova").contains("s.ivanov").doesNotContain("o.petrov");
        String byName = admin.get("/settings/users/domain?q=%D0%9E%D0%BB%D0%B5%D0%B3").body(); // "Олег"
        assertThat(byName).contains("o.petrov");

        String prefilled = admin.get("/settings/users/domain/new?login=o.petrov").body();
        assertThat(prefilled).contains("value=\"o.petrov\"").contains("Олег Петров").contains("o.petrov@bank.local")
                .contains("Бухгалтер");

        HttpResponse<String> created = admin.postFieldsWithTokenOf(prefilled,
                "/settings/users/domain", List.of("login", "o.petrov", "roles", "ANALYST"));
        assertThat(created.statusCode()).isEqualTo(302);
        String userPage = admin.get(created.headers().firstValue("Location").orElseThrow()).body();
        assertThat(userPage).contains("Domain account").doesNotContain("Reset password");
        Map<String, Object> row = jdbc.sql("""
                        select account_type, password_hash, display_name, email, position from access_user
                         where username = 'o.petrov'""").query().singleRow();
        assertThat(row).containsEntry("account_type", "LDAP").containsEntry("email", "o.petrov@bank.local")
                .containsEntry("position", "Бухгалтер");
        assertThat(row.get("password_hash")).isNull();
        assertThat(jdbc.sql("select after_value::text from audit_event where action = 'user.create' order by id desc limit 1")
                .query(String.class).single()).contains("o.petrov").contains("LDAP");

        // no mapped group, but the role given here: the union lets the domain login in as an analyst
        PortalClient petrov = new PortalClient(port);
        petrov.submit("/login", "/login", Map.of("username", "o.petrov", "password", "Domain-Password-2",
                "accountType", "domain"));
        assertThat(petrov.get("/strategies").statusCode()).isEqualTo(200);
        assertThat(petrov.get("/campaigns").statusCode()).isEqualTo(403);
        // the other directory tests count on o.petrov having no role
        jdbc.sql("delete from access_user where username = 'o.petrov'").update();
    }
}
