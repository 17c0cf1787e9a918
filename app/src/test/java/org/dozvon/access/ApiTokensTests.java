package org.dozvon.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * API tokens: made on Settings → API tokens or over REST, shown once, kept as a hash, sent as
 * {@code Authorization: Bearer}, acting with exactly their permissions; unknown, expired and revoked ones answer 401,
 * and a credential over its rate limit 429.
 */
class ApiTokensTests extends ApplicationTestBase {

    private static final Pattern SHOWN_TOKEN = Pattern.compile("id=\"created-token\">(dzv_[a-z2-7_]+)<");
    private static final String PASSWORD = "Tokens-Password-1";

    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Audit audit;

    @BeforeEach
    void users() {
        new TestUsers(context).ensure("tokens-supervisor", PASSWORD, false, "SUPERVISOR");
    }

    @Test
    void portalShowsANewTokenOnceAndTheListNeverAgain() {
        PortalClient admin = portal();
        admin.login("admin", ADMIN_PASSWORD);
        String name = unique("crm");
        String form = admin.get("/settings/api-tokens/new").body();

        HttpResponse<String> created = admin.postFieldsWithTokenOf(form, "/settings/api-tokens", List.of(
                "name", name, "permissions", "CONTACTS_VIEW", "permissions", "CAMPAIGNS_VIEW", "expiresOn", "",
                "requestsPerMinute", ""));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/settings/api-tokens"));
        String once = admin.get("/settings/api-tokens").body();
        Matcher shown = SHOWN_TOKEN.matcher(once);
        assertThat(shown.find()).as("the new token is shown").isTrue();
        String token = shown.group(1);
        assertThat(once).contains("will not show it again").contains(name);
        assertThat(portal().bearer("GET", "/api/v1/me", null, token).statusCode()).isEqualTo(200);

        String again = admin.get("/settings/api-tokens").body();
        assertThat(again).contains(name).contains(hint(token)).doesNotContain(token).doesNotContain(secretPart(token))
                .doesNotContain("created-token");
        assertThat(admin.get("/settings/api-tokens/new").body()).doesNotContain(secretPart(token));
    }

    @Test
    void portalFormNamesTheFieldsItRefuses() {
        PortalClient admin = portal();
        admin.login("admin", ADMIN_PASSWORD);
        String form = admin.get("/settings/api-tokens/new").body();

        HttpResponse<String> refused = admin.postFieldsWithTokenOf(form, "/settings/api-tokens", List.of(
                "name", "no spaces please", "expiresOn", "2001-01-01", "requestsPerMinute", "many"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("The name may contain letters, digits")
                .contains("Enter a whole number of calls a minute").doesNotContain("created-token");
        HttpResponse<String> past = admin.postFieldsWithTokenOf(form, "/settings/api-tokens", List.of(
                "name", unique("past"), "permissions", "CONTACTS_VIEW", "expiresOn", "2001-01-01"));
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(past.body()).contains("The expiry must be in the future");
        HttpResponse<String> none = admin.postFieldsWithTokenOf(form, "/settings/api-tokens", List.of(
                "name", unique("none")));
        assertThat(none.body()).contains("Choose at least one permission");
    }

    @Test
    void storesOnlyAHashOfTheToken() throws Exception {
        String name = unique("hashed");
        String token = TestTokens.create(context, name, Permission.CONTACTS_VIEW);

        byte[] stored = jdbc.sql("select secret_hash from api_token where name = :name")
                .param("name", name).query(byte[].class).single();
        String row = jdbc.sql("select t::text from api_token t where name = :name")
                .param("name", name).query(String.class).single();

        assertThat(token).matches("dzv_[a-z2-7]{16}_[a-z2-7]{52}");
        assertThat(stored).hasSize(32).isEqualTo(sha256(token))
                .isNotEqualTo(token.getBytes(StandardCharsets.UTF_8));
        assertThat(row).doesNotContain(secretPart(token)).doesNotContain(token);
    }

    @Test
    void bearerCallActsWithExactlyTheTokensPermissions() throws Exception {
        String name = unique("reader");
        String token = TestTokens.create(context, name, Permission.CONTACTS_VIEW);

        HttpResponse<String> granted = portal().bearer("GET", "/api/v1/contact-lists", null, token);
        HttpResponse<String> denied = portal().bearer("GET", "/api/v1/campaigns", null, token);
        HttpResponse<String> me = portal().bearer("GET", "/api/v1/me", null, token);

        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode who = json.readTree(me.body());
        assertThat(who.get("username").asText()).isEqualTo("token:" + name);
        assertThat(who.get("roles")).isEmpty();
        assertThat(who.get("permissions")).extracting(JsonNode::asText).containsExactly("CONTACTS_VIEW");
        assertThat(jdbc.sql("select last_used_at from api_token where name = :name").param("name", name)
                .query(Timestamp.class).single()).as("its use is noted").isNotNull();
    }

    @Test
    void httpBasicStillWorksBesideTokens() {
        assertThat(portal().api("/api/v1/me", "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);
        assertThat(portal().api("/api/v1/campaigns", "tokens-supervisor", PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownTokenIsUnauthorizedSayingSo() throws Exception {
        String existing = TestTokens.create(context, unique("known"), Permission.CONTACTS_VIEW);
        String wrongSecret = existing.substring(0, existing.length() - 4) + (existing.endsWith("aaaa") ? "bbbb" : "aaaa");

        for (String token : List.of("dzv_" + "a".repeat(16) + "_" + "b".repeat(52), "not-a-dozvon-token", "",
                wrongSecret)) {
            HttpResponse<String> response = portal().bearer("GET", "/api/v1/me", null, token);

            assertUnauthorized(response, "Unknown API token");
        }
    }

    @Test
    void expiredTokenIsUnauthorizedSayingSo() throws Exception {
        String name = unique("expiring");
        String token = TestTokens.create(context, new NewApiToken(name, Set.of(Permission.CONTACTS_VIEW),
                Instant.now().plus(Duration.ofDays(1)), null));
        assertThat(portal().bearer("GET", "/api/v1/me", null, token).statusCode()).isEqualTo(200);
        jdbc.sql("update api_token set expires_at = :past where name = :name")
                .param("past", Timestamp.from(Instant.now().minus(Duration.ofMinutes(1)))).param("name", name).update();

        assertUnauthorized(portal().bearer("GET", "/api/v1/me", null, token), "The API token has expired");
        PortalClient admin = portal();
        admin.login("admin", ADMIN_PASSWORD);
        assertThat(admin.get("/settings/api-tokens").body()).containsPattern(
                "(?s)" + Pattern.quote(name) + ".*?>expired<");
    }

    @Test
    void revokedTokenIsUnauthorizedSayingSo() throws Exception {
        String name = unique("revoked");
        String token = TestTokens.create(context, name, Permission.CONTACTS_VIEW);
        long id = idOf(name);
        PortalClient admin = portal();
        admin.login("admin", ADMIN_PASSWORD);
        String page = admin.get("/settings/api-tokens").body();
        assertThat(page).contains("data-confirm=\"Revoke the token " + name);

        HttpResponse<String> revoked = admin.postFormWithTokenOf(page, "/settings/api-tokens/" + id + "/revoke",
                java.util.Map.of());

        assertThat(revoked.statusCode()).isEqualTo(302);
        assertUnauthorized(portal().bearer("GET", "/api/v1/me", null, token), "The API token has been revoked");
        assertThat(admin.get("/settings/api-tokens").body()).contains("Token revoked");
        assertThat(TestTokens.create(context, name, Permission.CONTACTS_VIEW)).as("the name is free again")
                .isNotEqualTo(token);
    }

    @Test
    void tokenOverItsRateLimitGetsTooManyRequestsWithRetryAfter() throws Exception {
        String token = TestTokens.create(context, new NewApiToken(unique("limited"), Set.of(Permission.CONTACTS_VIEW),
                null, 1));

        HttpResponse<String> first = portal().bearer("GET", "/api/v1/me", null, token);
        HttpResponse<String> second = portal().bearer("GET", "/api/v1/me", null, token);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(second.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
        assertThat(json.readTree(second.body()).get("status").asInt()).isEqualTo(429);
        String other = TestTokens.create(context, unique("unlimited"), Permission.CONTACTS_VIEW);
        assertThat(portal().bearer("GET", "/api/v1/me", null, other).statusCode())
                .as("another credential is not held back").isEqualTo(200);
    }

    @Test
    void restCreatesAndRevokesTokensAndAnswersTheSecretOnce() throws Exception {
        String name = unique("rest");
        HttpResponse<String> created = portal().apiSend("POST", "/api/v1/api-tokens", """
                {"name": "%s", "permissions": ["CONTACTS_VIEW", "CONTACTS_MANAGE"],
                 "expiresAt": "2099-01-01T00:00:00+03:00", "requestsPerMinute": 600}""".formatted(name),
                "admin", ADMIN_PASSWORD);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = json.readTree(created.body());
        long id = body.get("id").asLong();
        String token = body.get("token").asText();
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/v1/api-tokens/" + id));
        assertThat(body.get("name").asText()).isEqualTo(name);
        assertThat(body.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(body.get("expiresAt").asText()).isEqualTo("2098-12-31T21:00:00Z");
        assertThat(body.get("requestsPerMinute").asInt()).isEqualTo(600);
        assertThat(body.get("permissions")).extracting(JsonNode::asText)
                .containsExactly("CONTACTS_MANAGE", "CONTACTS_VIEW");
        assertThat(token).startsWith(body.get("hint").asText().replace("…", ""));
        assertThat(portal().bearer("GET", "/api/v1/contact-lists", null, token).statusCode()).isEqualTo(200);

        String list = portal().api("/api/v1/api-tokens", "admin", ADMIN_PASSWORD).body();
        assertThat(json.readTree(list).get("items")).anySatisfy(item -> assertThat(item.get("id").asLong()).isEqualTo(id));
        assertThat(list).doesNotContain(secretPart(token));
        assertThat(portal().api("/api/v1/api-tokens/" + id, "admin", ADMIN_PASSWORD).body()).doesNotContain(secretPart(token));

        HttpResponse<String> revoked = portal().apiSend("POST", "/api/v1/api-tokens/" + id + "/revoke", null,
                "admin", ADMIN_PASSWORD);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json.readTree(revoked.body()).get("state").asText()).isEqualTo("REVOKED");
        assertThat(json.readTree(revoked.body()).get("revokedBy").asText()).isEqualTo("admin");
        assertThat(portal().bearer("GET", "/api/v1/contact-lists", null, token).statusCode()).isEqualTo(401);
    }

    @Test
    void restRefusesBadInputNamingTheField() throws Exception {
        HttpResponse<String> refused = portal().apiSend("POST", "/api/v1/api-tokens", """
                {"name": "", "permissions": ["NO_SUCH_PERMISSION"], "expiresAt": "tomorrow"}""",
                "admin", ADMIN_PASSWORD);

        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode errors = json.readTree(refused.body()).get("errors");
        assertThat(errors.get("permissions").asText()).contains("NO_SUCH_PERMISSION");
        assertThat(errors.get("expiresAt").asText()).contains("ISO-8601");

        HttpResponse<String> second = portal().apiSend("POST", "/api/v1/api-tokens", """
                {"name": "", "permissions": ["CONTACTS_VIEW"], "expiresAt": "2001-01-01T00:00:00Z",
                 "requestsPerMinute": 0}""", "admin", ADMIN_PASSWORD);
        JsonNode more = json.readTree(second.body()).get("errors");
        assertThat(second.statusCode()).isEqualTo(422);
        assertThat(more.has("name")).isTrue();
        assertThat(more.has("expiresAt")).isTrue();
        assertThat(more.has("requestsPerMinute")).isTrue();

        String name = unique("taken");
        TestTokens.create(context, name, Permission.CONTACTS_VIEW);
        HttpResponse<String> taken = portal().apiSend("POST", "/api/v1/api-tokens",
                "{\"name\": \"%s\", \"permissions\": [\"CONTACTS_VIEW\"]}".formatted(name.toUpperCase()),
                "admin", ADMIN_PASSWORD);
        assertThat(taken.statusCode()).isEqualTo(422);
        assertThat(json.readTree(taken.body()).get("errors").get("name").asText()).contains("exists");
    }

    @Test
    void restAnswersUnknownIdsNoCredentialsAndOtherRoles() {
        assertThat(portal().api("/api/v1/api-tokens/999999999", "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(404);
        assertThat(portal().apiSend("POST", "/api/v1/api-tokens/999999999/revoke", null, "admin", ADMIN_PASSWORD)
                .statusCode()).isEqualTo(404);
        assertThat(portal().api("/api/v1/api-tokens", null, null).statusCode()).isEqualTo(401);
        assertThat(portal().api("/api/v1/api-tokens", "tokens-supervisor", PASSWORD).statusCode()).isEqualTo(403);
        String reader = TestTokens.create(context, unique("no-manage"), Permission.CONTACTS_VIEW);
        assertThat(portal().bearer("GET", "/api/v1/api-tokens", null, reader).statusCode()).isEqualTo(403);
    }

    @Test
    void aTokenGrantsNoMoreThanItsCreatorHolds() throws Exception {
        String managerName = unique("manager");
        String manager = TestTokens.create(context, managerName, Permission.API_TOKENS_MANAGE, Permission.CONTACTS_VIEW);

        HttpResponse<String> wider = portal().bearer("POST", "/api/v1/api-tokens",
                "{\"name\": \"%s\", \"permissions\": [\"CAMPAIGNS_MANAGE\"]}".formatted(unique("wider")), manager);
        HttpResponse<String> narrower = portal().bearer("POST", "/api/v1/api-tokens",
                "{\"name\": \"%s\", \"permissions\": [\"CONTACTS_VIEW\"]}".formatted(unique("narrower")), manager);
        HttpResponse<String> workplace = portal().apiSend("POST", "/api/v1/api-tokens",
                "{\"name\": \"%s\", \"permissions\": [\"WORKPLACE_USE\"]}".formatted(unique("arm")),
                "admin", ADMIN_PASSWORD);

        assertThat(wider.statusCode()).isEqualTo(422);
        assertThat(json.readTree(wider.body()).get("errors").get("permissions").asText()).contains("CAMPAIGNS_MANAGE");
        assertThat(narrower.statusCode()).as(narrower.body()).isEqualTo(201);
        assertThat(json.readTree(narrower.body()).get("createdBy").asText()).isEqualTo("token:" + managerName);
        assertThat(workplace.statusCode()).as("the workplace is a page, which tokens never reach").isEqualTo(422);
    }

    @Test
    void auditJournalRecordsWhoCreatedAndRevokedEachToken() throws Exception {
        String managerName = unique("auditor");
        String manager = TestTokens.create(context, managerName, Permission.API_TOKENS_MANAGE, Permission.CONTACTS_VIEW);
        HttpResponse<String> created = portal().bearer("POST", "/api/v1/api-tokens",
                "{\"name\": \"%s\", \"permissions\": [\"CONTACTS_VIEW\"]}".formatted(unique("audited")), manager);
        long id = json.readTree(created.body()).get("id").asLong();
        String secret = json.readTree(created.body()).get("token").asText();
        portal().apiSend("POST", "/api/v1/api-tokens/" + id + "/revoke", null, "admin", ADMIN_PASSWORD);

        List<AuditEvent> events = audit.of("api-token", id, 10);

        assertThat(events).extracting(AuditEvent::action).containsExactly("api-token.revoke", "api-token.create");
        assertThat(events).extracting(AuditEvent::username).containsExactly("admin", "token:" + managerName);
        assertThat(events.get(1).after()).contains("CONTACTS_VIEW").doesNotContain(secretPart(secret));
        assertThat(events.get(0).after()).contains("revokedAt");
    }

    private void assertUnauthorized(HttpResponse<String> response, String detail) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("detail").asText()).isEqualTo(detail);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(challenge)
                .startsWith("Bearer realm=\"Dozvon\"").contains("error=\"invalid_token\"").contains(detail));
    }

    private long idOf(String name) {
        return jdbc.sql("select id from api_token where name = :name and revoked_at is null")
                .param("name", name).query(Long.class).single();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String secretPart(String token) {
        return token.substring(token.lastIndexOf('_') + 1);
    }

    private static String hint(String token) {
        return token.substring(0, token.lastIndexOf('_') + 1) + "…";
    }

    private static byte[] sha256(String token) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    }
}
