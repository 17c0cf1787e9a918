package org.dozvon.access;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.servlet.http.HttpServletRequest;
import org.dozvon.ApiPage;
import org.dozvon.Violation;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/v1/api-tokens}: API tokens over REST, for the same administrators as the page. Creating one answers its
 * secret ({@code token}) once; nothing answers it again.
 */
@RestController
@RequestMapping("/api/v1/api-tokens")
@RequiresPermission(Permission.API_TOKENS_MANAGE)
class ApiTokensApi {

    private final ApiTokens tokens;
    private final MessageSource messages;
    private final Clock clock;

    ApiTokensApi(ApiTokens tokens, MessageSource messages, Clock clock) {
        this.tokens = tokens;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Every token, those not revoked first, newest first. The page shape of every list of the API ({@code items},
     * {@code nextCursor}); an installation has a few tokens, so one page holds them all and {@code nextCursor} is null.
     */
    @GetMapping
    ApiPage<TokenDto> list(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        Instant now = clock.instant();
        return ApiPage.byId(tokens.all(), cursor, limit, ApiToken::id, token -> TokenDto.of(token, now));
    }

    @GetMapping("/{id}")
    TokenDto get(@PathVariable long id) {
        return TokenDto.of(existing(id), clock.instant());
    }

    /**
     * Body: {@code {"name": "crm-main", "permissions": ["CONTACTS_VIEW", "CONTACTS_MANAGE"],
     * "expiresAt": "2027-01-01T00:00:00+03:00", "requestsPerMinute": 600}} (the last two optional).
     * 201 with the token and {@code token}, the string to send as {@code Authorization: Bearer <token>}.
     */
    @PostMapping
    ResponseEntity<?> create(@RequestBody TokenRequest body, @AuthenticationPrincipal DozvonUser user,
                             HttpServletRequest request) {
        List<Violation> violations = new ArrayList<>();
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String name : body.permissions() == null ? List.<String>of() : body.permissions()) {
            try {
                permissions.add(Permission.valueOf(name));
            } catch (IllegalArgumentException | NullPointerException unknown) {
                violations.add(new Violation("permissions", "apiTokens.error.unknownPermission", name));
            }
        }
        Instant expiresAt = null;
        if (body.expiresAt() != null && !body.expiresAt().isBlank()) {
            try {
                expiresAt = OffsetDateTime.parse(body.expiresAt().strip()).toInstant();
            } catch (DateTimeParseException malformed) {
                violations.add(new Violation("expiresAt", "apiTokens.error.expiresAt"));
            }
        }
        NewApiToken token = new NewApiToken(body.name(), permissions, expiresAt, body.requestsPerMinute());
        if (!violations.isEmpty()) {
            // the other fields' refusals too, at once (a field that could not be read is not checked twice)
            Set<String> unread = violations.stream().map(Violation::field).collect(Collectors.toSet());
            tokens.check(user, token).stream().filter(v -> !unread.contains(v.field())).forEach(violations::add);
            return invalid(violations);
        }
        ApiTokens.Creation creation = tokens.create(user, token);
        if (!creation.ok()) {
            return invalid(creation.violations());
        }
        // neither a cache nor the Idempotency-Key table may keep the secret
        request.setAttribute(ApiTokens.SECRET_IN_ANSWER, Boolean.TRUE);
        return ResponseEntity.created(URI.create("/api/v1/api-tokens/" + creation.token().id()))
                .cacheControl(CacheControl.noStore())
                .body(new CreatedToken(TokenDto.of(creation.token(), clock.instant()), creation.secret()));
    }

    /** Revokes the token at once; revoking a revoked token changes nothing. 200 with the token. */
    @PostMapping("/{id}/revoke")
    TokenDto revoke(@PathVariable long id, @AuthenticationPrincipal DozvonUser user) {
        return TokenDto.of(tokens.revoke(user, id).orElseThrow(() -> notFound(id)), clock.instant());
    }

    private ApiToken existing(long id) {
        return tokens.find(id).orElseThrow(() -> notFound(id));
    }

    private static ResponseStatusException notFound(long id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no API token " + id);
    }

    /**
     * 422 naming each field, the shape {@code web.Problems#invalid} gives every other endpoint (not called from
     * here: {@code web} depends on {@code access}, not the other way round).
     */
    private ResponseEntity<ProblemDetail> invalid(List<Violation> violations) {
        Map<String, String> errors = new LinkedHashMap<>();
        violations.forEach(v -> errors.merge(v.field(),
                messages.getMessage(v.messageKey(), v.arguments(), v.messageKey(), LocaleContextHolder.getLocale()),
                (a, b) -> a + " " + b));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                String.join(" ", errors.values()));
        problem.setProperty("errors", errors);
        return ResponseEntity.unprocessableEntity().body(problem);
    }

    record TokenRequest(String name, List<String> permissions, String expiresAt, Integer requestsPerMinute) {
    }


    /**
     * @param hint  how the token begins ({@code dzv_<publicId>_…}), to tell which one a CRM holds
     * @param state ACTIVE, EXPIRED or REVOKED now
     */
    record TokenDto(long id, String name, String hint, List<String> permissions, ApiToken.State state,
                    Integer requestsPerMinute, Instant expiresAt, Instant createdAt, String createdBy,
                    Instant revokedAt, String revokedBy, Instant lastUsedAt) {

        static TokenDto of(ApiToken token, Instant now) {
            return new TokenDto(token.id(), token.name(), token.hint(),
                    token.permissions().stream().map(Enum::name).sorted().toList(), token.state(now),
                    token.requestsPerMinute(), token.expiresAt(), token.createdAt(), token.createdBy(),
                    token.revokedAt(), token.revokedBy(), token.lastUsedAt());
        }
    }

    /** A new token and, this once, its secret. */
    record CreatedToken(@JsonUnwrapped TokenDto apiToken, String token) {
    }
}
