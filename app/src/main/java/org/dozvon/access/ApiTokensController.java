package org.dozvon.access;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.dozvon.Violation;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → API tokens. A new token's secret reaches the list page once, as a flash attribute of the redirect
 * after the form (as a new user's temporary password does); reloading the page shows it no more.
 */
@Controller
@RequestMapping("/settings/api-tokens")
@RequiresPermission(Permission.API_TOKENS_MANAGE)
class ApiTokensController {

    private final ApiTokens tokens;
    private final Clock clock;
    private final AccessProperties.RateLimit installationLimit;

    ApiTokensController(ApiTokens tokens, Clock clock, AccessProperties properties) {
        this.tokens = tokens;
        this.clock = clock;
        this.installationLimit = properties.rateLimit();
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("tokens", tokens.all());
        model.addAttribute("now", clock.instant());
        return "access/api-tokens";
    }

    @GetMapping("/new")
    String newToken(@AuthenticationPrincipal DozvonUser user, Model model) {
        return form(model, user, "", Set.of(), "", "", List.of());
    }

    @PostMapping
    String create(@RequestParam(required = false) String name,
                  @RequestParam(required = false) List<String> permissions,
                  @RequestParam(required = false, defaultValue = "") String expiresOn,
                  @RequestParam(required = false, defaultValue = "") String requestsPerMinute,
                  @AuthenticationPrincipal DozvonUser user, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        List<Violation> violations = new ArrayList<>();
        Set<Permission> chosen = EnumSet.noneOf(Permission.class);
        for (String permission : permissions == null ? List.<String>of() : permissions) {
            try {
                chosen.add(Permission.valueOf(permission));
            } catch (IllegalArgumentException unknown) {
                violations.add(new Violation("permissions", "apiTokens.error.unknownPermission", permission));
            }
        }
        Instant expiresAt = null;
        if (!expiresOn.isBlank()) {
            try {
                // valid through the chosen day, in the server's zone (the one the pages show times in)
                expiresAt = LocalDate.parse(expiresOn.strip()).plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant();
            } catch (DateTimeException malformed) {
                violations.add(new Violation("expiresAt", "apiTokens.error.expiresOn"));
            }
        }
        Integer limit = null;
        if (!requestsPerMinute.isBlank()) {
            try {
                limit = Integer.valueOf(requestsPerMinute.strip());
            } catch (NumberFormatException malformed) {
                violations.add(new Violation("requestsPerMinute", "apiTokens.error.requestsPerMinute",
                        ApiTokens.MAX_REQUESTS_PER_MINUTE));
            }
        }
        NewApiToken request = new NewApiToken(name, chosen, expiresAt, limit);
        if (!violations.isEmpty()) {
            // the other fields' refusals too, at once (a field that could not be read is not checked twice)
            Set<String> unread = violations.stream().map(Violation::field).collect(Collectors.toSet());
            tokens.check(user, request).stream().filter(v -> !unread.contains(v.field())).forEach(violations::add);
        }
        ApiTokens.Creation creation = violations.isEmpty() ? tokens.create(user, request) : null;
        if (creation == null || !creation.ok()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, user, name, chosen, expiresOn, requestsPerMinute,
                    creation == null ? violations : creation.violations());
        }
        redirect.addFlashAttribute("createdToken", creation.token());
        redirect.addFlashAttribute("createdSecret", creation.secret());
        redirect.addFlashAttribute("notice", "apiTokens.createdNotice");
        return "redirect:/settings/api-tokens";
    }

    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable long id, @AuthenticationPrincipal DozvonUser user, RedirectAttributes redirect) {
        tokens.revoke(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        redirect.addFlashAttribute("notice", "apiTokens.revoked");
        return "redirect:/settings/api-tokens";
    }

    private String form(Model model, DozvonUser user, String name, Set<Permission> permissions, String expiresOn,
                        String requestsPerMinute, List<Violation> violations) {
        model.addAttribute("name", name);
        model.addAttribute("permissions", permissions);
        model.addAttribute("grantable", tokens.grantable(user));
        model.addAttribute("expiresOn", expiresOn);
        model.addAttribute("minExpiry", LocalDate.now(clock.withZone(ZoneId.systemDefault())));
        model.addAttribute("requestsPerMinute", requestsPerMinute);
        model.addAttribute("installationLimit", installationLimit);
        model.addAttribute("violations", violations);
        return "access/api-token";
    }
}
