package org.dozvon.access;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.lang.Nullable;

/**
 * An API token as Dozvon keeps it: everything but its secret, which is shown once at creation and stored only as a
 * hash (see {@link ApiTokens}).
 *
 * @param id                the token's id
 * @param publicId          the part of the token after {@code dzv_} that finds it; not secret, shown to tell tokens apart
 * @param name              unique among tokens not revoked; the audit journal names the token's calls
 *                          {@code token:<name>}
 * @param permissions       what a call with the token may do, and nothing else
 * @param requestsPerMinute the token's own rate limit; null: the installation's ({@code dozvon.access.rate-limit})
 * @param expiresAt         from when the token stops working; null: never
 * @param createdBy         the user (or {@code token:<name>}) who created it
 * @param revokedAt         when it was revoked; null: it was not
 * @param lastUsedAt        its latest call, to the minute (written at most once a minute); null: never used
 */
public record ApiToken(long id, String publicId, String name, Set<Permission> permissions,
                       @Nullable Integer requestsPerMinute, @Nullable Instant expiresAt, Instant createdAt,
                       String createdBy, @Nullable Instant revokedAt, @Nullable String revokedBy,
                       @Nullable Instant lastUsedAt) {

    public ApiToken {
        // in the enum's order, so pages and answers list them as the permission list does
        permissions = permissions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(permissions));
    }

    public enum State { ACTIVE, EXPIRED, REVOKED }

    /** Whether a call with this token is accepted at {@code now}. */
    public State state(Instant now) {
        if (revokedAt != null) {
            return State.REVOKED;
        }
        return expiresAt != null && !now.isBefore(expiresAt) ? State.EXPIRED : State.ACTIVE;
    }

    /** How the token begins, to recognise it without its secret: {@code dzv_<publicId>_…}. */
    public String hint() {
        return ApiTokens.PREFIX + publicId + "_…";
    }
}
