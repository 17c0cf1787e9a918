package org.dozvon.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.dozvon.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens: the credentials CRMs call the API with ({@code Authorization: Bearer dzv_<publicId>_<secret>}).
 *
 * <p>A token is made of a random public id (80 bits, it finds the row by a unique index, no scan) and a random
 * secret of 256 bits, both in lower-case base32, so that a token is one word a double click selects. Dozvon keeps
 * only the SHA-256 of the whole token: the secret is shown once, to whoever created it, and never again. A fast hash
 * is right here, unlike for passwords: a slow one (BCrypt) protects guessable secrets against a stolen table by
 * making each guess costly, but 2^256 random secrets cannot be guessed at any speed, while BCrypt's ~100 ms would
 * be spent on every API call (and would let anyone make the server spend it).
 *
 * <p>A token acts as a {@link DozvonUser} with no role and exactly its permissions, never more than its creator held;
 * it keeps them until it expires or is revoked (its creator's later changes do not touch it).
 */
@Service
public class ApiTokens {

    /**
     * A request attribute an endpoint sets when its answer holds a token's secret: nothing may keep that answer
     * (the {@code Idempotency-Key} replay store does not).
     */
    public static final String SECRET_IN_ANSWER = "org.dozvon.access.secretInAnswer";


    /** What every Dozvon API token starts with (so that secret scanners and people recognise one). */
    public static final String PREFIX = "dzv_";

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._-]{1,60}");
    private static final int PUBLIC_ID_BYTES = 10;
    private static final int SECRET_BYTES = 32;
    private static final int PUBLIC_ID_LENGTH = base32Length(PUBLIC_ID_BYTES);
    private static final int TOKEN_LENGTH = PREFIX.length() + PUBLIC_ID_LENGTH + 1 + base32Length(SECRET_BYTES);
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    /** A token's last use is written at most this often: a CRM's every call must not write a row. */
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    static final int MAX_REQUESTS_PER_MINUTE = 1_000_000;

    private final JdbcClient jdbc;
    private final Audit audit;
    private final Clock clock;
    private final RateLimits rateLimits;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, Audit audit, Clock clock, RateLimits rateLimits) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.rateLimits = rateLimits;
    }

    /**
     * The outcome of {@link #create}: the token and its secret, shown once (the whole string a CRM sends after
     * {@code Bearer }), or the violations that refused it.
     */
    public record Creation(@Nullable ApiToken token, @Nullable String secret, List<Violation> violations) {

        public boolean ok() {
            return violations.isEmpty();
        }
    }

    /**
     * Creates a token for {@code creator} (a user holding {@link Permission#API_TOKENS_MANAGE}, or a token holding
     * it) and records it in the audit journal in the same transaction. Refusals name the field: {@code name}
     * (malformed, or taken by a token not revoked), {@code permissions} (none, or one the creator does not hold),
     * {@code expiresAt} (not in the future), {@code requestsPerMinute} (out of range).
     */
    @Transactional
    public Creation create(DozvonUser creator, NewApiToken request) {
        List<Violation> violations = check(creator, request);
        if (!violations.isEmpty()) {
            return new Creation(null, null, violations);
        }
        String name = request.name().strip();
        Instant now = clock.instant();
        String publicId = base32(randomBytes(PUBLIC_ID_BYTES));
        String secret = PREFIX + publicId + "_" + base32(randomBytes(SECRET_BYTES));
        Instant createdAt = now.truncatedTo(ChronoUnit.MICROS);
        // a name taken by a concurrent creation (the partial unique index) inserts nothing
        Optional<Long> inserted = jdbc.sql("""
                        insert into api_token (public_id, secret_hash, name, permissions, requests_per_minute,
                                               expires_at, created_at, created_by)
                        values (:publicId, :hash, :name, string_to_array(:permissions, ',')::varchar(64)[],
                                :requestsPerMinute, :expiresAt, :createdAt, :createdBy)
                        on conflict do nothing
                        returning id""")
                .param("publicId", publicId)
                .param("hash", sha256(secret))
                .param("name", name)
                .param("permissions", request.permissions().stream().map(Enum::name).sorted()
                        .collect(Collectors.joining(",")))
                .param("requestsPerMinute", request.requestsPerMinute())
                .param("expiresAt", timestamp(request.expiresAt()))
                .param("createdAt", Timestamp.from(createdAt))
                .param("createdBy", creator.getUsername())
                .query(Long.class).optional();
        if (inserted.isEmpty()) {
            return new Creation(null, null, List.of(new Violation("name", "apiTokens.error.nameTaken", name)));
        }
        long id = inserted.get();
        ApiToken token = find(id).orElseThrow();
        audit.record(creator, "api-token.create", "api-token", id, null, summary(token));
        log.info("API token '{}' ({}) created by {} with {}", name, token.hint(), creator.getUsername(),
                token.permissions());
        return new Creation(token, secret, List.of());
    }

    /** What refuses {@code request} of {@code creator} (see {@link #create}); empty: nothing. */
    List<Violation> check(DozvonUser creator, NewApiToken request) {
        String name = request.name() == null ? "" : request.name().strip();
        List<Violation> violations = new ArrayList<>();
        if (!NAME.matcher(name).matches()) {
            violations.add(new Violation("name", "apiTokens.error.name"));
        } else if (nameTaken(name)) {
            violations.add(new Violation("name", "apiTokens.error.nameTaken", name));
        }
        Set<Permission> grantable = grantable(creator);
        if (request.permissions().isEmpty()) {
            violations.add(new Violation("permissions", "apiTokens.error.noPermission"));
        } else if (!grantable.containsAll(request.permissions())) {
            violations.add(new Violation("permissions", "apiTokens.error.permissionNotHeld",
                    request.permissions().stream().filter(p -> !grantable.contains(p)).map(Enum::name)
                            .sorted().collect(Collectors.joining(", "))));
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(clock.instant())) {
            violations.add(new Violation("expiresAt", "apiTokens.error.expiresInPast"));
        }
        if (request.requestsPerMinute() != null
                && (request.requestsPerMinute() < 1 || request.requestsPerMinute() > MAX_REQUESTS_PER_MINUTE)) {
            violations.add(new Violation("requestsPerMinute", "apiTokens.error.requestsPerMinute", MAX_REQUESTS_PER_MINUTE));
        }
        return violations;
    }

    /**
     * Revokes a token at once (its next call answers 401) and records it in the audit journal; a token already
     * revoked stays as it was. Empty: no such token.
     */
    @Transactional
    public Optional<ApiToken> revoke(DozvonUser actor, long id) {
        Optional<ApiToken> before = find(id);
        if (before.isEmpty() || before.get().revokedAt() != null) {
            return before;
        }
        jdbc.sql("update api_token set revoked_at = :now, revoked_by = :by where id = :id and revoked_at is null")
                .param("now", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)))
                .param("by", actor.getUsername())
                .param("id", id)
                .update();
        ApiToken after = find(id).orElseThrow();
        audit.record(actor, "api-token.revoke", "api-token", id, summary(before.get()), summary(after));
        rateLimits.forgetToken(id);
        log.info("API token '{}' ({}) revoked by {}", after.name(), after.hint(), actor.getUsername());
        return Optional.of(after);
    }

    /** Every token, those not revoked first, newest first. */
    public List<ApiToken> all() {
        return jdbc.sql(SELECT + " order by (revoked_at is null) desc, created_at desc, id desc")
                .query(ApiTokens::token).list();
    }

    public Optional<ApiToken> find(long id) {
        return jdbc.sql(SELECT + " where id = :id").param("id", id).query(ApiTokens::token).optional();
    }

    /**
     * The permissions {@code creator} may put in a token: those it holds, but the workplace (a page, which tokens
     * never reach: they open the API only).
     */
    public Set<Permission> grantable(DozvonUser creator) {
        Set<Permission> grantable = EnumSet.noneOf(Permission.class);
        grantable.addAll(creator.permissions());
        grantable.remove(Permission.WORKPLACE_USE);
        return grantable;
    }

    /**
     * The token a caller presented, if it opens the API now; notes its use. An unknown id and a wrong secret are
     * the same answer, and a revoked or expired token is told only to a caller holding its secret.
     *
     * @throws ApiTokenRejected with the reason otherwise
     */
    ApiToken authenticate(String presented) {
        if (presented.length() != TOKEN_LENGTH || !presented.startsWith(PREFIX)
                || presented.charAt(PREFIX.length() + PUBLIC_ID_LENGTH) != '_') {
            throw new ApiTokenRejected(ApiTokenRejected.Reason.UNKNOWN);
        }
        String publicId = presented.substring(PREFIX.length(), PREFIX.length() + PUBLIC_ID_LENGTH);
        Optional<Stored> stored = jdbc.sql(SELECT.replace("select ", "select secret_hash, ") + " where public_id = :publicId")
                .param("publicId", publicId)
                .query((rs, row) -> new Stored(token(rs, row), rs.getBytes("secret_hash")))
                .optional();
        if (stored.isEmpty() || !MessageDigest.isEqual(stored.get().hash(), sha256(presented))) {
            throw new ApiTokenRejected(ApiTokenRejected.Reason.UNKNOWN);
        }
        ApiToken token = stored.get().token();
        Instant now = clock.instant();
        switch (token.state(now)) {
            case REVOKED -> throw new ApiTokenRejected(ApiTokenRejected.Reason.REVOKED);
            case EXPIRED -> throw new ApiTokenRejected(ApiTokenRejected.Reason.EXPIRED);
            case ACTIVE -> noteUse(token, now);
        }
        return token;
    }

    private void noteUse(ApiToken token, Instant now) {
        Instant cutoff = now.minus(LAST_USED_PRECISION);
        if (token.lastUsedAt() != null && token.lastUsedAt().isAfter(cutoff)) {
            return;
        }
        // the condition again in SQL: of several instances or threads noting the same minute, one writes
        jdbc.sql("update api_token set last_used_at = :now where id = :id and (last_used_at is null or last_used_at <= :cutoff)")
                .param("now", Timestamp.from(now.truncatedTo(ChronoUnit.MICROS)))
                .param("id", token.id())
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }

    private boolean nameTaken(String name) {
        return jdbc.sql("select count(*) from api_token where lower(name) = lower(:name) and revoked_at is null")
                .param("name", name).query(Long.class).single() > 0;
    }

    /** What the audit journal keeps of a token: never its secret nor its hash. */
    private static Map<String, Object> summary(ApiToken token) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", token.name());
        summary.put("publicId", token.publicId());
        summary.put("permissions", token.permissions().stream().map(Enum::name).sorted().toList());
        summary.put("expiresAt", token.expiresAt() == null ? null : token.expiresAt().toString());
        summary.put("requestsPerMinute", token.requestsPerMinute());
        summary.put("revokedAt", token.revokedAt() == null ? null : token.revokedAt().toString());
        return summary;
    }

    private record Stored(ApiToken token, byte[] hash) {
    }

    private static final String SELECT = """
            select id, public_id, name, array_to_string(permissions, ',') as permissions, requests_per_minute,
                   expires_at, created_at, created_by, revoked_at, revoked_by, last_used_at
              from api_token""";

    private static ApiToken token(ResultSet rs, int row) throws SQLException {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String name : rs.getString("permissions").split(",")) {
            try {
                permissions.add(Permission.valueOf(name));
            } catch (IllegalArgumentException unknown) {
                log.warn("API token {} grants the unknown permission '{}'; ignored", rs.getLong("id"), name);
            }
        }
        Integer limit = rs.getObject("requests_per_minute", Integer.class);
        return new ApiToken(rs.getLong("id"), rs.getString("public_id"), rs.getString("name"), permissions,
                limit, instant(rs, "expires_at"), instant(rs, "created_at"),
                rs.getString("created_by"), instant(rs, "revoked_at"), rs.getString("revoked_by"),
                instant(rs, "last_used_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** RFC 4648 base32 in lower case, without padding. */
    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder(base32Length(bytes.length));
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    private static int base32Length(int bytes) {
        return (bytes * 8 + 4) / 5;
    }
}
