package org.dozvon.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.security.MessageDigest;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * The {@code idempotency_key} rows (V105): per caller and key, the request it was first used for and, once that
 * succeeded, its answer. Every statement runs in a transaction of its own (no transaction is open around a servlet
 * filter), so a claim is visible to other callers before the work starts.
 */
@Repository
class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";
    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final WebProperties.Idempotency settings;

    IdempotencyKeys(JdbcClient jdbc, Clock clock, WebProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = properties.idempotency();
    }

    /** What a request with a key comes to: the work is its to do, or an answer is already decided. */
    sealed interface Claim {
    }

    /** The key is this request's now: do the work, then {@link #complete} or {@link #release}. */
    record Claimed() implements Claim {
    }

    /** The same request was answered before: this is its answer. */
    record Replay(int status, String location, String contentType, byte[] body) implements Claim {
    }

    /** The key was used for another request. */
    record OtherRequest() implements Claim {
    }

    /** The same request with this key is being answered right now. */
    record InProgress() implements Claim {
    }

    /** The request as far as idempotency is concerned: method, path with query, SHA-256 of the body. */
    record Fingerprint(String method, String path, byte[] hash) {

        boolean sameAs(Fingerprint other) {
            return method.equals(other.method) && path.equals(other.path) && MessageDigest.isEqual(hash, other.hash);
        }
    }

    private record Stored(Fingerprint fingerprint, String state, Integer status, String location, String contentType,
                          byte[] body, Instant createdAt) {
    }

    Claim claim(String principal, String key, Fingerprint request) {
        // a few rounds at most: each round either claims, decides, or removes one forgotten row
        for (int round = 0; round < 5; round++) {
            Instant now = clock.instant();
            int inserted = jdbc.sql("""
                            insert into idempotency_key (principal, idempotency_key, request_method, request_path,
                                                         request_hash, state, created_at)
                            values (:principal, :key, :method, :path, :hash, 'IN_PROGRESS', :now)
                            on conflict (principal, idempotency_key) do nothing""")
                    .param("principal", principal).param("key", key).param("method", request.method())
                    .param("path", request.path()).param("hash", request.hash()).param("now", Timestamp.from(now))
                    .update();
            if (inserted == 1) {
                return new Claimed();
            }
            Optional<Stored> stored = find(principal, key);
            if (stored.isEmpty()) {
                continue;
            }
            Stored row = stored.get();
            boolean expired = row.createdAt().isBefore(now.minus(settings.ttl()));
            boolean lost = "IN_PROGRESS".equals(row.state())
                    && row.createdAt().isBefore(now.minus(settings.inProgressTimeout()));
            if (expired || lost) {
                if (lost && !expired) {
                    log.warn("Idempotency key '{}' of '{}' unanswered since {}: taken for lost, used again", key,
                            principal, row.createdAt());
                }
                jdbc.sql("delete from idempotency_key where principal = :principal and idempotency_key = :key"
                                + " and created_at = :created")
                        .param("principal", principal).param("key", key)
                        .param("created", Timestamp.from(row.createdAt())).update();
                continue;
            }
            if (!row.fingerprint().sameAs(request)) {
                return new OtherRequest();
            }
            if ("IN_PROGRESS".equals(row.state())) {
                return new InProgress();
            }
            return new Replay(row.status(), row.location(), row.contentType(), row.body());
        }
        return new InProgress();
    }

    /** The claimed request succeeded: its answer is kept for the same request sent again. */
    void complete(String principal, String key, int status, String location, String contentType, byte[] body) {
        jdbc.sql("""
                        update idempotency_key set state = 'DONE', response_status = :status, response_location = :location,
                               response_content_type = :contentType, response_body = :body
                        where principal = :principal and idempotency_key = :key""")
                .param("status", status).param("location", location).param("contentType", contentType)
                .param("body", body).param("principal", principal).param("key", key).update();
    }

    /** The claimed request was not done (refused, failed): the key is free for a corrected or a later try. */
    void release(String principal, String key) {
        jdbc.sql("delete from idempotency_key where principal = :principal and idempotency_key = :key")
                .param("principal", principal).param("key", key).update();
    }

    /** Forgets keys older than the time they are kept for (they are ignored before that anyway). */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void deleteExpired() {
        int deleted = jdbc.sql("delete from idempotency_key where created_at < :before")
                .param("before", Timestamp.from(clock.instant().minus(settings.ttl()))).update();
        if (deleted > 0) {
            log.debug("Forgot {} expired idempotency keys", deleted);
        }
    }

    private Optional<Stored> find(String principal, String key) {
        return jdbc.sql("""
                        select request_method, request_path, request_hash, state, response_status, response_location,
                               response_content_type, response_body, created_at
                        from idempotency_key where principal = :principal and idempotency_key = :key""")
                .param("principal", principal).param("key", key)
                .query((rs, n) -> new Stored(
                        new Fingerprint(rs.getString("request_method"), rs.getString("request_path"),
                                rs.getBytes("request_hash")),
                        rs.getString("state"), (Integer) rs.getObject("response_status"),
                        rs.getString("response_location"), rs.getString("response_content_type"),
                        rs.getBytes("response_body"), rs.getTimestamp("created_at").toInstant()))
                .optional();
    }
}
