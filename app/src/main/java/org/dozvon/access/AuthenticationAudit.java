package org.dozvon.access;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Puts sign-ins and sign-outs in the audit journal: {@code login} (the portal's form login; the roles held then),
 * {@code logout}, and {@code login.failed} with the user name tried and the reason (never the password), from the
 * portal's form and from the API's HTTP Basic alike. A successful API call is not a login and is not recorded
 * (each call would be one); an API token that is refused answers 401 without a record.
 */
@Component
class AuthenticationAudit {

    private final Audit audit;

    AuthenticationAudit(Audit audit) {
        this.audit = audit;
    }

    @EventListener
    void loggedIn(InteractiveAuthenticationSuccessEvent event) {
        record(event.getAuthentication(), "login", null);
    }

    @EventListener
    void loggedOut(LogoutSuccessEvent event) {
        record(event.getAuthentication(), "logout", null);
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        Object name = event.getAuthentication().getPrincipal();
        String username = name == null || name.toString().isBlank() ? "-" : name.toString().strip();
        audit.record(username, "", "login.failed", "user", username, null,
                details(event.getAuthentication(), event.getException().getClass().getSimpleName()));
    }

    private void record(Authentication authentication, String action, String reason) {
        if (authentication != null && authentication.getPrincipal() instanceof DozvonUser user) {
            audit.record(user.getUsername(), String.join(",", new TreeSet<>(user.roles())), action, "user",
                    user.getUsername(), null, details(authentication, reason));
        }
    }

    /** Where from: the portal or the API, the client's address; and the reason of a failure. */
    private static Map<String, Object> details(Authentication authentication, String reason) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (authentication.getDetails() instanceof SignInDetails signIn) {
            details.put("channel", signIn.channel());
        }
        if (authentication.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null) {
            details.put("address", web.getRemoteAddress());
        }
        if (reason != null) {
            details.put("reason", reason);
        }
        return details;
    }
}
