package org.dozvon.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.dozvon.InvalidRequest;
import org.dozvon.Violation;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of a REST controller as an RFC 7807 problem. Pages are left alone: their errors go to
 * the error pages. A query parameter that cannot be read (a filter value that is not one, a time without its
 * offset) or that is missing answers 422 naming it, as does a field of a JSON body of the wrong type; a path
 * variable that cannot be an id answers 404, as an unknown id does.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private final Problems problems;

    ApiExceptionHandler(Problems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequest e) {
        return problems.invalid(e.violations());
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        if (!(ex instanceof MethodArgumentTypeMismatchException mismatch)) {
            return super.handleTypeMismatch(ex, headers, status, request);
        }
        String value = String.valueOf(mismatch.getValue());
        if (mismatch.getParameter().hasParameterAnnotation(PathVariable.class)) {
            return answer(Problems.problem(HttpStatus.NOT_FOUND,
                    problems.message("api.path.unknown", value, mismatch.getName()), null));
        }
        return answer(problems.invalid(List.of(unreadable(mismatch.getName(), value, mismatch.getRequiredType()))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return answer(problems.invalid(List.of(new Violation(ex.getParameterName(), "api.param.missing"))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        return answer(problems.invalid(List.of(new Violation(ex.getRequestPartName(), "api.param.missing"))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (ex.getCause() instanceof MismatchedInputException input && !input.getPath().isEmpty()) {
            String field = path(input.getPath());
            Violation violation = input instanceof InvalidFormatException format
                    ? unreadable(field, String.valueOf(format.getValue()), format.getTargetType())
                    : new Violation(field, "api.body.type");
            return answer(problems.invalid(List.of(violation)));
        }
        return super.handleHttpMessageNotReadable(ex, headers, status, request);
    }

    /** What is wrong with a value that could not become a {@code type}, in words that say what would do. */
    private static Violation unreadable(String name, String value, Class<?> type) {
        if (type == null) {
            return new Violation(name, "api.param.invalid", value);
        }
        if (type.isEnum()) {
            return new Violation(name, "api.param.enum", value, Arrays.stream(type.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name()).collect(Collectors.joining(", ")));
        }
        if (type == LocalDate.class) {
            return new Violation(name, "api.param.date", value);
        }
        if (type == OffsetDateTime.class || type == Instant.class || type == ZonedDateTime.class) {
            return new Violation(name, "api.param.time", value);
        }
        if (type == Boolean.class || type == boolean.class) {
            return new Violation(name, "api.param.boolean", value);
        }
        if (Number.class.isAssignableFrom(type) || type == long.class || type == int.class) {
            return new Violation(name, "api.param.number", value);
        }
        return new Violation(name, "api.param.invalid", value);
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static ResponseEntity<Object> answer(ResponseEntity<ProblemDetail> problem) {
        return ResponseEntity.status(problem.getStatusCode()).body(problem.getBody());
    }
}
