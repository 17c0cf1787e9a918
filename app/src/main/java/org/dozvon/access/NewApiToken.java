package org.dozvon.access;

import java.time.Instant;
import java.util.Set;

import org.springframework.lang.Nullable;

/**
 * What {@link ApiTokens#create} is asked to make.
 *
 * @param name              letters, digits and {@code . _ -}, 1 to 60; unique among tokens not revoked
 * @param permissions       at least one, each held by the creator ({@link ApiTokens#grantable})
 * @param expiresAt         null: never expires; otherwise in the future
 * @param requestsPerMinute null: the installation's rate limit; otherwise 1 to 1,000,000 calls a minute
 */
public record NewApiToken(String name, Set<Permission> permissions, @Nullable Instant expiresAt,
                          @Nullable Integer requestsPerMinute) {

    public NewApiToken {
        permissions = permissions == null ? Set.of() : Set.copyOf(permissions);
    }
}
