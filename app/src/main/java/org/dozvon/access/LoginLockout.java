package org.dozvon.access;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Locks a local account after {@code dozvon.access.lockout.attempts} wrong passwords in a row for
 * {@code dozvon.access.lockout.duration}, counted in {@code access_user} so that a restart forgives nothing.
 * A login to a locked account is refused before its password is even checked, with a message saying until
 * when; an unknown user name and a wrong password get the same message, so the page never tells which
 * names exist. The portal's form login only: HTTP Basic on the API is for service users and rate-limited.
 */
@Component
class LoginLockout {

    /** The session attribute the login page reads to say until when the account is locked. */
    static final String LOCKED_UNTIL = LoginLockout.class.getName() + ".lockedUntil";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Logger log = LoggerFactory.getLogger(LoginLockout.class);

    private final JdbcClient jdbc;
    private final AccessProperties properties;
    private final Clock clock;
    private final Audit audit;
    private final UserSessions sessions;

    LoginLockout(JdbcClient jdbc, AccessProperties properties, Clock clock, Audit audit, UserSessions sessions) {
        this.sessions = sessions;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.audit = audit;
    }

    /** The end of the lock of this local account, if it is locked now. */
    Optional<Instant> lockedUntil(String username) {
        return jdbc.sql("""
                        select locked_until from access_user
                        where lower(username) = lower(?) and account_type = 'LOCAL' and locked_until > ?""")
                .params(username, Timestamp.from(clock.instant()))
                .query((rs, row) -> rs.getTimestamp(1).toInstant()).optional();
    }

    /** The end of the lock as the pages show it, or null when the user is not locked. */
    String shownLockedUntil(long userId) {
        return jdbc.sql("select locked_until from access_user where id = ? and locked_until > ?")
                .params(userId, Timestamp.from(clock.instant()))
                .query((rs, row) -> SHOWN.format(rs.getTimestamp(1).toInstant().atZone(ZoneId.systemDefault())))
                .optional().orElse(null);
    }

    /**
     * One more wrong password: the attempt that reaches the limit locks the account. Unknown names change nothing, nor
     * do domain accounts: their directory counts and locks them by its own policy.
     */
    void failed(String username) {
        int attempts = properties.lockout().attempts();
        Instant now = clock.instant();
        Optional<Integer> failures = jdbc.sql("""
                        update access_user set failed_logins = failed_logins + 1
                        where lower(username) = lower(?) and account_type = 'LOCAL'
                        returning failed_logins""")
                .param(username).query(Integer.class).optional();
        if (attempts > 0 && failures.isPresent() && failures.get() >= attempts) {
            Instant until = now.plus(properties.lockout().duration());
            jdbc.sql("update access_user set failed_logins = 0, locked_until = ? where lower(username) = lower(?)")
                    .params(Timestamp.from(until), username).update();
            log.warn("User '{}' locked until {} after {} wrong passwords", username, until, failures.get());
        }
    }

    void succeeded(String username) {
        jdbc.sql("update access_user set failed_logins = 0, locked_until = null where lower(username) = lower(?)"
                        + " and (failed_logins <> 0 or locked_until is not null)")
                .param(username).update();
    }

    /** An administrator lifts the lock (and forgets the failures); recorded in the audit journal. */
    void unlock(DozvonUser actor, long userId) {
        String username = jdbc.sql("select username from access_user where id = ?").param(userId)
                .query(String.class).single();
        jdbc.sql("update access_user set failed_logins = 0, locked_until = null where id = ?").param(userId).update();
        audit.record(actor, "user.unlock", "user", userId, null, java.util.Map.of("username", username));
    }

    void auditSessionsEnded(DozvonUser actor, long userId, String username, int ended) {
        audit.record(actor, "user.end-sessions", "user", userId, null,
                java.util.Map.of("username", username, "sessions", ended));
    }

    /** Refuses a login form for a locked account before the password is checked. */
    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String username = request.getParameter("username");
                if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()) && username != null) {
                    Optional<Instant> until = lockedUntil(username);
                    if (until.isPresent()) {
                        request.getSession().setAttribute(LOCKED_UNTIL,
                                SHOWN.format(until.get().atZone(ZoneId.systemDefault())));
                        response.sendRedirect(request.getContextPath() + "/login?locked");
                        return;
                    }
                }
                chain.doFilter(request, response);
            }
        };
    }

    SimpleUrlAuthenticationFailureHandler failureHandler() {
        return new SimpleUrlAuthenticationFailureHandler("/login?error") {
            @Override
            public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                                AuthenticationException exception) throws IOException, ServletException {
                String username = request.getParameter("username");
                if (username != null) {
                    failed(username);
                }
                super.onAuthenticationFailure(request, response, exception);
            }
        };
    }

    SavedRequestAwareAuthenticationSuccessHandler successHandler() {
        SavedRequestAwareAuthenticationSuccessHandler handler = new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                                Authentication authentication) throws ServletException, IOException {
                succeeded(authentication.getName());
                sessions.loggedIn(authentication.getName(), request.getSession());
                super.onAuthenticationSuccess(request, response, authentication);
            }
        };
        handler.setDefaultTargetUrl("/");
        return handler;
    }
}
