package org.dozvon.access;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API's per-credential rate limit ({@link RateLimits}): after authentication, before authorisation, so that
 * every call of a credential counts, refused ones too. Over the limit: a 429 problem with {@code Retry-After}.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimits limits;
    private final ProblemResponses problems;

    RateLimitFilter(RateLimits limits, ProblemResponses problems) {
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long wait = limits.take(SecurityContextHolder.getContext().getAuthentication());
        if (wait > 0) {
            problems.tooManyRequests(request, response, wait);
            return;
        }
        chain.doFilter(request, response);
    }
}
