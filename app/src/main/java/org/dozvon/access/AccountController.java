package org.dozvon.access;

import org.dozvon.Violation;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The login page and a user's own account: today, changing the password. */
@Controller
class AccountController {

    private final PasswordService passwords;
    private final LocalUserDetailsService userDetails;
    private final SecurityContextRepository securityContextRepository;
    private final AccessProperties properties;
    private final UserSessions sessions;

    AccountController(PasswordService passwords, LocalUserDetailsService userDetails,
                      SecurityContextRepository securityContextRepository, AccessProperties properties,
                      UserSessions sessions) {
        this.sessions = sessions;
        this.passwords = passwords;
        this.userDetails = userDetails;
        this.securityContextRepository = securityContextRepository;
        this.properties = properties;
    }

    @GetMapping("/login")
    @PreAuthorize("permitAll()")
    String login(HttpServletRequest request, Model model) {
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        // ldap branch: a refused domain login names its reason, and the form keeps "Domain account" chosen
        Object failure = session == null ? null
                : session.getAttribute(org.springframework.security.web.WebAttributes.AUTHENTICATION_EXCEPTION);
        if (failure instanceof DomainLoginRefused refused) {
            model.addAttribute("domainError", refused.messageKey());
        }
        model.addAttribute("domainLogin", failure instanceof DomainLoginRefused);
        if (session != null && request.getParameter("locked") != null) {
            model.addAttribute("lockedUntil", session.getAttribute(LoginLockout.LOCKED_UNTIL));
        }
        return "access/login";
    }

    @GetMapping(PasswordChangeRequiredFilter.PASSWORD_PAGE)
    @PreAuthorize("isAuthenticated()")
    String passwordForm(@AuthenticationPrincipal DozvonUser user, Model model) {
        model.addAttribute("forced", user.mustChangePassword());
        model.addAttribute("passwordMinLength", properties.passwordMinLength());
        model.addAttribute("passwordMinClasses", properties.password().minClasses());
        return "access/password";
    }

    @PostMapping(PasswordChangeRequiredFilter.PASSWORD_PAGE)
    @PreAuthorize("isAuthenticated()")
    String changePassword(@AuthenticationPrincipal DozvonUser user,
                          @RequestParam(required = false) String currentPassword,
                          @RequestParam(required = false) String newPassword,
                          @RequestParam(required = false) String confirmation,
                          Model model, RedirectAttributes redirect,
                          HttpServletRequest request, HttpServletResponse response) {
        List<Violation> violations =
                passwords.changeOwnPassword(user.id(), currentPassword, newPassword, confirmation);
        if (!violations.isEmpty()) {
            model.addAttribute("forced", user.mustChangePassword());
            model.addAttribute("passwordMinLength", properties.passwordMinLength());
            model.addAttribute("passwordMinClasses", properties.password().minClasses());
            model.addAttribute("violations", violations);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "access/password";
        }
        refreshPrincipal(user, request, response);
        redirect.addFlashAttribute("notice", "password.changed");
        return "redirect:/";
    }

    /** The user menu's "Log out everywhere": ends this user's every portal session, this one too. */
    @PostMapping("/account/sessions/end")
    @PreAuthorize("isAuthenticated()")
    String logOutEverywhere(@AuthenticationPrincipal DozvonUser user, HttpServletRequest request) {
        sessions.endAll(user.getUsername());
        jakarta.servlet.http.HttpSession own = request.getSession(false);
        if (own != null) {
            try {
                own.invalidate();
            } catch (IllegalStateException alreadyEnded) {
                // ended with the others
            }
        }
        SecurityContextHolder.clearContext();
        return "redirect:/login?logout";
    }

    /** The session keeps the principal it logged in with; it must now forget "must change password". */
    private void refreshPrincipal(DozvonUser user, HttpServletRequest request, HttpServletResponse response) {
        DozvonUser fresh = userDetails.loadUserByUsername(user.getUsername());
        fresh.eraseCredentials();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(fresh, null, fresh.getAuthorities()));
        SecurityContextHolder.setContext(context);
        securityContextRepository.saveContext(context, request, response);
    }
}
