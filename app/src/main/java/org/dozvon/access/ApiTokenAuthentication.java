package org.dozvon.access;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A bearer token on its way through Spring Security: first as presented (not authenticated, the token string its
 * credentials), then as accepted, with the token's {@link DozvonUser} as principal and its permissions as authorities.
 */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final String presented;
    private final ApiToken token;
    private final DozvonUser user;

    private ApiTokenAuthentication(String presented, ApiToken token, DozvonUser user) {
        super(user == null ? List.of() : user.getAuthorities());
        this.presented = presented;
        this.token = token;
        this.user = user;
        setAuthenticated(user != null);
    }

    static ApiTokenAuthentication presented(String token) {
        return new ApiTokenAuthentication(token, null, null);
    }

    static ApiTokenAuthentication accepted(ApiToken token) {
        return new ApiTokenAuthentication(null, token,
                DozvonUser.ofApiToken(token.id(), token.name(), token.permissions()));
    }

    /** The accepted token (its rate limit, for {@link RateLimits}); null before it is accepted. */
    ApiToken token() {
        return token;
    }

    @Override
    public Object getCredentials() {
        return presented;
    }

    @Override
    public Object getPrincipal() {
        return user;
    }

    @Override
    public String getName() {
        return user == null ? "" : user.getUsername();
    }
}
