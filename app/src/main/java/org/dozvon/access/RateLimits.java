package org.dozvon.access;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * One token bucket per credential that calls the API: per API token (its own limit if it has one) and per user
 * signing in with HTTP Basic, so that no credential can flood the API and starve the others.
 *
 * <p>Buckets live in this instance's memory (bucket4j's local buckets): with several instances behind a balancer a
 * credential may make up to that many times the limit, which is what the limit is for (no single client drowning
 * one instance) and spares every call a trip to the database. They are measured on bucket4j's monotonic clock
 * ({@code System.nanoTime}), not the injected {@code Clock}: a limit is about real time elapsing, which a clock set
 * back or forth must not change. Credentials are few (users and tokens), so buckets are never evicted; a revoked
 * token's bucket goes with it.
 */
@Component
class RateLimits {

    private final AccessProperties.RateLimit installation;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimits(AccessProperties properties) {
        this.installation = properties.rateLimit();
    }

    /** Takes one call from the caller's bucket: 0 if it may go on, otherwise how many seconds it should wait (≥ 1). */
    long take(Authentication authentication) {
        String key;
        Bucket bucket;
        if (authentication instanceof ApiTokenAuthentication bearer && bearer.token() != null) {
            ApiToken token = bearer.token();
            key = "token:" + token.id();
            bucket = buckets.computeIfAbsent(key, k -> token.requestsPerMinute() == null
                    ? installationBucket() : perMinute(token.requestsPerMinute()));
        } else if (authentication != null && authentication.getPrincipal() instanceof DozvonUser user) {
            key = "user:" + user.getUsername().toLowerCase(Locale.ROOT);
            bucket = buckets.computeIfAbsent(key, k -> installationBucket());
        } else {
            return 0; // anonymous: the open endpoints (health) and the 401s
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }

    void forgetToken(long tokenId) {
        buckets.remove("token:" + tokenId);
    }

    private Bucket installationBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(installation.burst())
                        .refillGreedy(installation.requestsPerSecond(), Duration.ofSeconds(1)))
                .build();
    }

    /** A token's own limit: at most {@code requests} in any minute, as a burst or spread. */
    private static Bucket perMinute(int requests) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(requests).refillGreedy(requests, Duration.ofMinutes(1)))
                .build();
    }
}
