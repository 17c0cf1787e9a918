package org.dozvon.access;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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
            response.setHeader("WWW-Authenticate", "Basic realm=\"Dozvon\"");
            write(request, response, HttpStatus.UNAUTHORIZED,
                    "Authentication required: send HTTP Basic credentials of a Dozvon user");
        };
    }

    AccessDeniedHandler forbidden() {
        return (request, response, exception) -> write(request, response, HttpStatus.FORBIDDEN,
                "Your roles do not grant access to " + request.getRequestURI());
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
