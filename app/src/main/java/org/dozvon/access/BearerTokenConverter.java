package org.dozvon.access;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * {@code Authorization: Bearer <token>} (RFC 6750's header form only: a token in a query parameter would end up in
 * access logs) as a presented {@link ApiTokenAuthentication}; null for any other request, which the next
 * authentication filter (HTTP Basic) or none handles.
 */
final class BearerTokenConverter implements AuthenticationConverter {

    private static final String SCHEME = "Bearer";

    @Override
    public Authentication convert(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (value.equalsIgnoreCase(SCHEME)) {
            return ApiTokenAuthentication.presented(""); // the scheme without a token: an unknown token
        }
        if (!value.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1)) {
            return null;
        }
        return ApiTokenAuthentication.presented(value.substring(SCHEME.length() + 1).strip());
    }
}
