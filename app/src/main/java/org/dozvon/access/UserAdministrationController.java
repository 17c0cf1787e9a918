package org.dozvon.access;

import org.dozvon.Violation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings → Users. */
@Controller
@RequestMapping("/settings/users")
@RequiresPermission(Permission.USERS_MANAGE)
class UserAdministrationController {

    private final UserAdministration administration;
    private final LoginLockout lockout;

    UserAdministrationController(UserAdministration administration, LoginLockout lockout) {
        this.administration = administration;
        this.lockout = lockout;
    }

    /** The list; for htmx's live search only its rows. */
    @GetMapping
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page,
                @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("users", administration.find(q, page));
        return htmx != null ? "access/users :: results" : "access/users";
    }

    @GetMapping("/new")
    String newUser(Model model) {
        return form(model, null, "", "", Set.of(), List.of());
    }

    @PostMapping
    String create(@RequestParam(required = false) String username, @RequestParam(required = false) String displayName,
                  @RequestParam(required = false) List<String> roles, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        Set<String> chosen = roles == null ? Set.of() : new LinkedHashSet<>(roles);
        UserAdministration.Outcome outcome = administration.create(username, displayName, chosen);
        if (!outcome.ok()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, null, username, displayName, chosen, outcome.violations());
        }
        redirect.addFlashAttribute("temporaryPassword", outcome.temporaryPassword());
        redirect.addFlashAttribute("notice", "users.created");
        return "redirect:/settings/users/" + outcome.userId();
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        UserAccount account = administration.get(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("lockedUntil", lockout.shownLockedUntil(id));
        return form(model, account, account.username(), account.displayName(), account.roleCodes(), List.of());
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @RequestParam(required = false) String displayName,
                  @RequestParam(required = false) List<String> roles, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        UserAccount account = administration.get(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Set<String> chosen = roles == null ? Set.of() : new LinkedHashSet<>(roles);
        UserAdministration.Outcome outcome = administration.update(id, displayName, chosen);
        if (!outcome.ok()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, account, account.username(), displayName, chosen, outcome.violations());
        }
        redirect.addFlashAttribute("notice", "users.saved");
        return "redirect:/settings/users/" + id;
    }

    @PostMapping("/{id}/password")
    String resetPassword(@PathVariable long id, RedirectAttributes redirect) {
        UserAccount account = administration.get(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (account.domain()) {
            // a domain account's password is the directory's (ldap branch)
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        redirect.addFlashAttribute("temporaryPassword", administration.resetPassword(id).temporaryPassword());
        redirect.addFlashAttribute("notice", "users.passwordReset");
        return "redirect:/settings/users/" + id;
    }

    @PostMapping("/{id}/enabled")
    String enable(@PathVariable long id, @RequestParam boolean enabled, @AuthenticationPrincipal DozvonUser actor,
                  RedirectAttributes redirect) {
        administration.get(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        UserAdministration.Outcome outcome = administration.enable(id, enabled, actor.id());
        if (outcome.ok()) {
            redirect.addFlashAttribute("notice", enabled ? "users.enabled" : "users.disabled");
        } else {
            redirect.addFlashAttribute("problem", outcome.violations().get(0).messageKey());
        }
        return "redirect:/settings/users/" + id;
    }

    private String form(Model model, UserAccount account, String username, String displayName, Set<String> roles,
                        List<Violation> violations) {
        model.addAttribute("account", account);
        model.addAttribute("username", username);
        model.addAttribute("displayName", displayName);
        model.addAttribute("roles", roles);
        model.addAttribute("allRoles", administration.roleCodes());
        model.addAttribute("violations", violations);
        return "access/user";
    }
}
