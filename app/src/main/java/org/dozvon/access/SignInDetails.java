package org.dozvon.access;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The details of a sign-in attempt as the audit journal records them: the client's address (as Spring Security's
 * own details) and which door it came through, {@code portal} (the login form) or {@code api} (HTTP Basic).
 */
final class SignInDetails extends WebAuthenticationDetails {

    private final String channel;

    private SignInDetails(HttpServletRequest request, String channel) {
        super(request);
        this.channel = channel;
    }

    String channel() {
        return channel;
    }

    static AuthenticationDetailsSource<HttpServletRequest, WebAuthenticationDetails> source(String channel) {
        return request -> new SignInDetails(request, channel);
    }
}
