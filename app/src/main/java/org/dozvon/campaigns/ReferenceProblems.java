package org.dozvon.campaigns;

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

/** RFC 7807 answers of this module's REST endpoints: the violations' messages, by field. */
@Component
class ReferenceProblems {

    private final MessageSource messages;

    ReferenceProblems(MessageSource messages) {
        this.messages = messages;
    }

    /** 422 with {@code errors}: field → message (messages of one field joined). */
    ResponseEntity<ProblemDetail> invalid(List<Violation> violations) {
        Map<String, String> errors = new LinkedHashMap<>();
        violations.forEach(v -> errors.merge(v.field(), message(v.messageKey(), v.arguments()), (a, b) -> a + " " + b));
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, String.join(" ", errors.values()), errors);
    }

    /** 409 for a refusal that is about the state of things (in use, closed), not the request's fields. */
    ResponseEntity<ProblemDetail> conflict(List<Violation> violations) {
        return problem(HttpStatus.CONFLICT, String.join(" ", violations.stream()
                .map(v -> message(v.messageKey(), v.arguments())).toList()), null);
    }

    String message(String key, Object... arguments) {
        return messages.getMessage(key, arguments, key, LocaleContextHolder.getLocale());
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, Map<String, String> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (errors != null) {
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).body(problem);
    }
}
