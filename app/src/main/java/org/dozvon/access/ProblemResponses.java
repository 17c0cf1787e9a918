package org.dozvon.access;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Security failures of the API as RFC 7807 problems: a machine never gets a login page. */
final class ProblemResponses {

    private final ObjectMapper objectMapper;

    ProblemResponses(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    AuthenticationEntryPoint unauthorized() {
        return (request, response, exception) -> {
            // both schemes the API accepts, as RFC 9110 allows one challenge per header
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Dozvon\"");
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Dozvon\"");
            write(request, response, HttpStatus.UNAUTHORIZED,
                    "Authentication required: send an API token (Authorization: Bearer) or HTTP Basic credentials"
                            + " of a Dozvon user");
        };
    }

    /**
     * A bearer token that does not open the API: which of unknown, expired or revoked, as RFC 6750's
     * {@code invalid_token} error, and nothing else (not the token's name, nor whether its id exists).
     */
    AuthenticationEntryPoint invalidToken() {
        return (request, response, exception) -> {
            String detail = exception instanceof ApiTokenRejected rejected
                    ? rejected.reason().detail() : ApiTokenRejected.Reason.UNKNOWN.detail();
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer realm=\"Dozvon\", error=\"invalid_token\", error_description=\"" + detail + "\"");
            write(request, response, HttpStatus.UNAUTHORIZED, detail);
        };
    }

    AccessDeniedHandler forbidden() {
        return (request, response, exception) -> write(request, response, HttpStatus.FORBIDDEN,
                "Your roles do not grant access to " + request.getRequestURI());
    }

    /** 429: the caller's credential made more calls than its rate limit allows; try again in {@code seconds}. */
    void tooManyRequests(HttpServletRequest request, HttpServletResponse response, long seconds) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        write(request, response, HttpStatus.TOO_MANY_REQUESTS,
                "Rate limit of this credential exceeded: try again in " + seconds + " s");
    }

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
