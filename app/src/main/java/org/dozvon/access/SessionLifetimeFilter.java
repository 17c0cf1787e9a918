package org.dozvon.access;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a portal session older than {@code dozvon.access.session.absolute-lifetime}, however busy it has been
 * (the idle timeout is the servlet container's, {@code server.servlet.session.timeout}): the user logs in again.
 * The session's age is its container creation time (kept across the login's session-id change) against the
 * injected {@link Clock}.
 */
final class SessionLifetimeFilter extends OncePerRequestFilter {

    static final String EXPIRED_PAGE = "/login?expired";

    private final Clock clock;
    private final Duration lifetime;

    SessionLifetimeFilter(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && !lifetime.isZero()
                && clock.millis() - session.getCreationTime() > lifetime.toMillis()) {
            session.invalidate();
            SecurityContextHolder.clearContext();
            if ("true".equals(request.getHeader("HX-Request"))) {
                response.setHeader("HX-Redirect", request.getContextPath() + EXPIRED_PAGE);
            } else {
                response.sendRedirect(request.getContextPath() + EXPIRED_PAGE);
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
