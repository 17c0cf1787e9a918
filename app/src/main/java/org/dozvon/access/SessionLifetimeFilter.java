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
 * The session's age is counted by the injected {@link Clock} alone, from the first request that saw the session
 * (kept in the session, so across the login's session-id change): the container's own creation time is wall-clock
 * time, and mixing the two would end every session once the application's clock differs from the wall.
 */
final class SessionLifetimeFilter extends OncePerRequestFilter {

    static final String EXPIRED_PAGE = "/login?expired";
    static final String STARTED = SessionLifetimeFilter.class.getName() + ".started";

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
        if (session != null && !lifetime.isZero() && clock.millis() - started(session) > lifetime.toMillis()) {
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

    /** When the session was first seen, by the application's clock. */
    private long started(HttpSession session) {
        if (session.getAttribute(STARTED) instanceof Long started) {
            return started;
        }
        long now = clock.millis();
        session.setAttribute(STARTED, now);
        return now;
    }
}
