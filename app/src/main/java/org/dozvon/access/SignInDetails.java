package org.dozvon.access;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The details of a sign-in attempt: the client's address (as Spring Security's own details), which door it came
 * through, {@code portal} (the login form) or {@code api} (HTTP Basic), as the audit journal records them, and, on the
 * login form, which account the user chose: local or domain ({@code accountType=domain}, read by
 * {@link DomainAuthenticationProvider}).
 */
final class SignInDetails extends WebAuthenticationDetails {

    static final String ACCOUNT_TYPE = "accountType";

    private final String channel;
    private final boolean domain;

    private SignInDetails(HttpServletRequest request, String channel) {
        super(request);
        this.channel = channel;
        this.domain = "domain".equals(request.getParameter(ACCOUNT_TYPE));
    }

    String channel() {
        return channel;
    }

    /** Whether the login form asked for a domain (LDAP) account. */
    boolean domain() {
        return domain;
    }

    static AuthenticationDetailsSource<HttpServletRequest, WebAuthenticationDetails> source(String channel) {
        return request -> new SignInDetails(request, channel);
    }
}
