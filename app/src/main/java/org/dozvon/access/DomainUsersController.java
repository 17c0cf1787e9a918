package org.dozvon.access;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.dozvon.Violation;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → Users → "Add user from domain": search the directory by login or name (3 characters at least), pick an
 * account, and its row is made with the login, name, e-mail and position the directory holds. Roles chosen here add
 * to those its groups give at every login.
 */
@Controller
@RequestMapping("/settings/users/domain")
@RequiresPermission(Permission.USERS_MANAGE)
class DomainUsersController {

    private static final String PAGE = "access/domain-user";
    static final int MIN_SEARCH = 3;

    private final LdapSettingsStore store;
    private final LdapDirectory directory;
    private final DomainAccounts accounts;
    private final UserAdministration administration;
    private final Audit audit;

    DomainUsersController(LdapSettingsStore store, LdapDirectory directory, DomainAccounts accounts,
                          UserAdministration administration, Audit audit) {
        this.store = store;
        this.directory = directory;
        this.accounts = accounts;
        this.administration = administration;
        this.audit = audit;
    }

    @org.springframework.web.bind.annotation.ModelAttribute("minSearch")
    int minSearch() {
        return MIN_SEARCH;
    }

    @GetMapping
    String search(@RequestParam(defaultValue = "") String q, Model model) {
        model.addAttribute("q", q);
        LdapSettings settings = store.settings();
        if (settings.urlList().isEmpty()) {
            model.addAttribute("searchError", "ldap.notConfigured");
        } else if (q.strip().length() >= MIN_SEARCH) {
            try {
                model.addAttribute("found", directory.search(settings, q));
            } catch (RuntimeException failure) {
                model.addAttribute("searchError", "login.domain.unreachable");
            }
        } else if (!q.isEmpty()) {
            model.addAttribute("searchError", "domainUsers.tooShort");
        }
        return PAGE;
    }

    /** The form, prefilled from the directory entry of {@code login}. */
    @GetMapping("/new")
    String form(@RequestParam(defaultValue = "") String login, Model model, HttpServletResponse response) {
        LdapDirectory.DirectoryAccount account = find(login, model);
        if (account == null) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return PAGE;
        }
        return form(model, account, Set.of(), List.of());
    }

    @PostMapping
    String create(@RequestParam(defaultValue = "") String login, @RequestParam(required = false) List<String> roles,
                  @AuthenticationPrincipal DozvonUser actor, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        LdapDirectory.DirectoryAccount account = find(login, model);
        if (account == null) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return PAGE;
        }
        Set<String> chosen = roles == null ? Set.of() : new LinkedHashSet<>(roles);
        if (!administration.roleCodes().containsAll(chosen)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, account, chosen, List.of(new Violation("roles", "users.error.unknownRole")));
        }
        var id = accounts.add(account, chosen);
        if (id.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, account, chosen, List.of(new Violation("username", "users.error.taken", account.login())));
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("username", account.login());
        after.put("type", "LDAP");
        after.put("displayName", account.displayName());
        after.put("email", account.email());
        after.put("position", account.position());
        after.put("roles", chosen);
        audit.record(actor, "user.create", "user", id.get(), null, after);
        redirect.addFlashAttribute("notice", "domainUsers.created");
        return "redirect:/settings/users/" + id.get();
    }

    private LdapDirectory.DirectoryAccount find(String login, Model model) {
        LdapSettings settings = store.settings();
        if (settings.urlList().isEmpty()) {
            model.addAttribute("searchError", "ldap.notConfigured");
            return null;
        }
        try {
            var found = directory.find(settings, login.strip());
            if (found.isEmpty()) {
                model.addAttribute("searchError", "domainUsers.notFound");
            }
            return found.orElse(null);
        } catch (RuntimeException failure) {
            model.addAttribute("searchError", "login.domain.unreachable");
            return null;
        }
    }

    private String form(Model model, LdapDirectory.DirectoryAccount account, Set<String> roles,
                        List<Violation> violations) {
        model.addAttribute("account", account);
        model.addAttribute("roles", roles);
        model.addAttribute("allRoles", administration.roleCodes());
        model.addAttribute("violations", violations);
        return PAGE;
    }
}
