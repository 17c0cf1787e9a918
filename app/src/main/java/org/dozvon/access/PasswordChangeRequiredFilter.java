package org.dozvon.access;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A user whose password must be changed (the first administrator with a generated password, later a
 * reset) reaches nothing but the password page until it is done; the API answers 403.
 */
final class PasswordChangeRequiredFilter extends OncePerRequestFilter {

    static final String PASSWORD_PAGE = "/account/password";
    private static final List<String> ALWAYS_ALLOWED = List.of(PASSWORD_PAGE, "/logout", "/login", "/error",
            "/webjars/", "/css/", "/js/", "/img/", "/favicon.ico");

    private final ProblemResponses problems;

    PasswordChangeRequiredFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof DozvonUser user
                && user.mustChangePassword() && !allowed(request)) {
            if (isApi(request)) {
                problems.write(request, response, HttpStatus.FORBIDDEN,
                        "The password of '" + user.getUsername() + "' must be changed first: log in to the portal");
            } else if ("true".equals(request.getHeader("HX-Request"))) {
                response.setHeader("HX-Redirect", request.getContextPath() + PASSWORD_PAGE);
            } else {
                response.sendRedirect(request.getContextPath() + PASSWORD_PAGE);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean allowed(HttpServletRequest request) {
        String path = request.getServletPath();
        return ALWAYS_ALLOWED.stream().anyMatch(prefix -> prefix.endsWith("/") ? path.startsWith(prefix) : path.equals(prefix));
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getServletPath();
        return path.startsWith("/api/") || path.startsWith("/engine-rest/") || path.startsWith("/actuator/");
    }
}
