package org.dozvon.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dozvon.Violation;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * RFC 7807 answers of the REST endpoints made of {@link Violation}s: the messages in the request's language, by field
 * (the one way every module answers a refused request).
 */
@Component
public class Problems {

    private final MessageSource messages;

    Problems(MessageSource messages) {
        this.messages = messages;
    }

    /** 422 with {@code errors}: field → message (messages of one field joined). */
    public ResponseEntity<ProblemDetail> invalid(List<Violation> violations) {
        return withErrors(HttpStatus.UNPROCESSABLE_ENTITY, violations);
    }

    /** A problem of this status with {@code errors}: field → message (messages of one field joined). */
    public ResponseEntity<ProblemDetail> withErrors(HttpStatus status, List<Violation> violations) {
        Map<String, String> errors = new LinkedHashMap<>();
        violations.forEach(v -> errors.merge(v.field(), message(v.messageKey(), v.arguments()), (a, b) -> a + " " + b));
        return problem(status, String.join(" ", errors.values()), errors);
    }

    /** 409 for a refusal that is about the state of things (in use, closed), not the request's fields. */
    public ResponseEntity<ProblemDetail> conflict(List<Violation> violations) {
        return problem(HttpStatus.CONFLICT, String.join(" ", violations.stream()
                .map(v -> message(v.messageKey(), v.arguments())).toList()), null);
    }

    /** A problem of this status whose detail is the message of {@code key}. */
    public ResponseEntity<ProblemDetail> refused(HttpStatus status, String key, Object... arguments) {
        return problem(status, message(key, arguments), null);
    }

    public String message(String key, Object... arguments) {
        return messages.getMessage(key, arguments, key, LocaleContextHolder.getLocale());
    }

    public static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, Map<String, String> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (errors != null) {
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).body(problem);
    }
}
