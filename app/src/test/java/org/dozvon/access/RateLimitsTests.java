package org.dozvon.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * One bucket per credential: a Basic user and a token each have their own; a token with a limit of its own follows
 * it. Calls are taken back to back, far quicker than one refill (a second), so nothing here depends on timing.
 */
class RateLimitsTests {

    private final RateLimits limits = new RateLimits(new AccessProperties(null, 8, new AccessProperties.RateLimit(1, 3),
            new AccessProperties.Password(3, 5, 90),
            new AccessProperties.Lockout(5, java.time.Duration.ofMinutes(15)), java.time.Duration.ofHours(12)));

    @Test
    void basicUserMayBurstThenWaits() {
        Authentication ivanov = basic("ivanov");

        assertThat(limits.take(ivanov)).isZero();
        assertThat(limits.take(ivanov)).isZero();
        assertThat(limits.take(ivanov)).isZero();
        assertThat(limits.take(ivanov)).as("seconds to wait").isEqualTo(1);
        assertThat(limits.take(basic("IVANOV"))).as("the same user, however spelt").isEqualTo(1);
        assertThat(limits.take(basic("petrov"))).as("another user has a bucket of their own").isZero();
    }

    @Test
    void tokenWithALimitOfItsOwnFollowsIt() {
        Authentication perMinute = ApiTokenAuthentication.accepted(token(1, 2));
        Authentication installation = ApiTokenAuthentication.accepted(token(2, null));

        assertThat(limits.take(perMinute)).isZero();
        assertThat(limits.take(perMinute)).isZero();
        assertThat(limits.take(perMinute)).as("a call every 30 s").isBetween(29L, 30L);
        for (int call = 0; call < 3; call++) {
            assertThat(limits.take(installation)).isZero();
        }
        assertThat(limits.take(installation)).isEqualTo(1);
    }

    @Test
    void anonymousCallsAreNotCounted() {
        Authentication anonymous = new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

        for (int call = 0; call < 10; call++) {
            assertThat(limits.take(anonymous)).isZero();
        }
        assertThat(limits.take(null)).isZero();
    }

    private static Authentication basic(String username) {
        DozvonUser user = new DozvonUser(1, username, null, username, true, false, Set.of("SUPERVISOR"),
                Set.of(Permission.CAMPAIGNS_VIEW));
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
    }

    private static ApiToken token(long id, Integer requestsPerMinute) {
        return new ApiToken(id, "p" + id, "token-" + id, Set.of(Permission.CONTACTS_VIEW), requestsPerMinute, null,
                Instant.EPOCH, "admin", null, null, null);
    }
}
