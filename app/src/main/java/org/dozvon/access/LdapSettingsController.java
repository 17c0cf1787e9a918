package org.dozvon.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.dozvon.Violation;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → LDAP: the directory Dozvon binds to, its search filters and attributes, the group → role mapping, and
 * two checks (connect with the service account; try a login and see the groups and roles it would get). Behind
 * {@link Permission#USERS_MANAGE}: who may give roles to local users may also say which groups give them.
 */
@Controller
@RequestMapping("/settings/ldap")
@RequiresPermission(Permission.USERS_MANAGE)
class LdapSettingsController {

    private static final String FORM = "access/ldap";

    private final LdapSettingsStore store;
    private final LdapDirectory directory;
    private final DomainAccounts accounts;
    private final UserAdministration administration;
    private final Audit audit;

    LdapSettingsController(LdapSettingsStore store, LdapDirectory directory, DomainAccounts accounts,
                           UserAdministration administration, Audit audit) {
        this.store = store;
        this.directory = directory;
        this.accounts = accounts;
        this.administration = administration;
        this.audit = audit;
    }

    @GetMapping
    String page(Model model) {
        return page(model, store.settings(), List.of());
    }

    @PostMapping
    String save(@RequestParam Map<String, String> form, @AuthenticationPrincipal DozvonUser actor, Model model,
                RedirectAttributes redirect, HttpServletResponse response) {
        LdapSettings settings = read(form);
        List<Violation> violations = validate(settings);
        if (!violations.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(model, settings, violations);
        }
        LdapSettings before = store.settings();
        store.save(settings);
        // the password never goes into the journal: the records' toString-free maps name only the rest
        audit.record(actor, "ldap.settings", "ldap_settings", 1, describe(before), describe(settings));
        redirect.addFlashAttribute("notice", "ldap.saved");
        return "redirect:/settings/ldap";
    }

    /** Connects and binds with the settings on the form (the stored password when the field is empty). */
    @PostMapping("/test")
    String test(@RequestParam Map<String, String> form, Model model) {
        LdapSettings settings = read(form);
        List<Violation> violations = validate(settings);
        if (violations.isEmpty()) {
            try {
                directory.check(settings);
                model.addAttribute("testOk", true);
            } catch (RuntimeException failure) {
                model.addAttribute("testError", reason(failure));
            }
        }
        return page(model, settings, violations);
    }

    /** Tries a login with the stored settings: the account's attributes, groups and the roles they give. */
    @PostMapping("/try")
    String tryLogin(@RequestParam(defaultValue = "") String login, @RequestParam(defaultValue = "") String password,
                    Model model) {
        LdapSettings settings = store.settings();
        model.addAttribute("tryLogin", login);
        if (settings.urlList().isEmpty()) {
            model.addAttribute("tryError", "ldap.notConfigured");
        } else if (login.isBlank() || password.isEmpty()) {
            model.addAttribute("tryError", "ldap.try.empty");
        } else {
            try {
                LdapDirectory.DirectoryAccount account = directory.authenticate(settings, login.strip(), password);
                model.addAttribute("tryAccount", account);
                model.addAttribute("tryRoles", accounts.mappedRoles(account.groups()));
            } catch (BadCredentialsException wrong) {
                model.addAttribute("tryError", "login.error");
            } catch (RuntimeException failure) {
                model.addAttribute("tryError", "login.domain.unreachable");
                model.addAttribute("testError", reason(failure));
            }
        }
        return page(model, settings, List.of());
    }

    @PostMapping("/mappings")
    String addMapping(@RequestParam(defaultValue = "") String group, @RequestParam(defaultValue = "") String role,
                      @AuthenticationPrincipal DozvonUser actor, Model model, RedirectAttributes redirect,
                      HttpServletResponse response) {
        List<Violation> violations = new ArrayList<>();
        if (group.isBlank() || group.length() > 500) {
            violations.add(new Violation("group", "ldap.error.group"));
        }
        if (!administration.roleCodes().contains(role)) {
            violations.add(new Violation("role", "users.error.unknownRole"));
        }
        if (!violations.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(model, store.settings(), violations);
        }
        if (store.addMapping(group, role)) {
            audit.record(actor, "ldap.mapping.create", "ldap_group_role", null, null,
                    Map.of("group", group.strip(), "role", role));
        }
        redirect.addFlashAttribute("notice", "ldap.mappingAdded");
        return "redirect:/settings/ldap#mappings";
    }

    @PostMapping("/mappings/{id}/delete")
    String removeMapping(@PathVariable long id, @AuthenticationPrincipal DozvonUser actor,
                         RedirectAttributes redirect) {
        store.removeMapping(id).ifPresent(removed -> audit.record(actor, "ldap.mapping.delete", "ldap_group_role", id,
                Map.of("group", removed.group(), "role", removed.roleCode()), null));
        redirect.addFlashAttribute("notice", "ldap.mappingRemoved");
        return "redirect:/settings/ldap#mappings";
    }

    private String page(Model model, LdapSettings settings, List<Violation> violations) {
        model.addAttribute("settings", settings);
        model.addAttribute("passwordStored", !store.settings().bindPassword().isEmpty());
        model.addAttribute("mappings", store.mappings());
        model.addAttribute("allRoles", administration.roleCodes());
        model.addAttribute("violations", violations);
        return FORM;
    }

    private LdapSettings read(Map<String, String> form) {
        String password = form.getOrDefault("bindPassword", "");
        return new LdapSettings("true".equals(form.get("enabled")) || "on".equals(form.get("enabled")),
                form.get("urls"), form.get("baseDn"), form.get("bindDn"),
                password.isEmpty() ? store.settings().bindPassword() : password,
                form.get("userSearchBase"), form.get("userSearchFilter"), form.get("groupSearchBase"),
                form.get("groupSearchFilter"), form.get("nameAttribute"), form.get("emailAttribute"),
                form.get("positionAttribute"));
    }

    private static List<Violation> validate(LdapSettings settings) {
        List<Violation> violations = new ArrayList<>();
        if (settings.enabled() && settings.urlList().isEmpty()) {
            violations.add(new Violation("urls", "ldap.error.urls"));
        }
        for (String url : settings.urlList()) {
            if (!url.matches("(?i)ldaps?://[^\\s/]+(/.*)?")) {
                violations.add(new Violation("urls", "ldap.error.urls"));
                break;
            }
        }
        if (!settings.userSearchFilter().contains("{0}")) {
            violations.add(new Violation("userSearchFilter", "ldap.error.filter"));
        }
        if (!settings.groupSearchFilter().contains("{0}") && !settings.groupSearchFilter().contains("{1}")) {
            violations.add(new Violation("groupSearchFilter", "ldap.error.filter"));
        }
        return violations;
    }

    private static Map<String, Object> describe(LdapSettings settings) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("enabled", settings.enabled());
        values.put("urls", settings.urls());
        values.put("baseDn", settings.baseDn());
        values.put("bindDn", settings.bindDn());
        values.put("userSearchBase", settings.userSearchBase());
        values.put("userSearchFilter", settings.userSearchFilter());
        values.put("groupSearchBase", settings.groupSearchBase());
        values.put("groupSearchFilter", settings.groupSearchFilter());
        values.put("attributes", Set.of(settings.nameAttribute(), settings.emailAttribute(), settings.positionAttribute()));
        return values;
    }

    /** The failure in words, without anything of the bind password. */
    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 300 ? message.substring(0, 300) : message;
    }
}
