package org.dozvon.web;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

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
 * the error pages.
 *
 * <p>A request whose parameters or body fields cannot be read (missing, of the wrong type, not one of an enum's
 * values) is refused with 422 and {@code errors} naming the parameter or field, as every other refused field is;
 * only a body that is not JSON at all stays 400. A path variable of the wrong type ({@code /campaigns/abc}) names
 * nothing that exists: 404.
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
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return refused(ex, ex.getParameterName(), problems.message("web.request.missing", ex.getParameterName()), request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return refused(ex, ex.getRequestPartName(), problems.message("web.request.missing", ex.getRequestPartName()),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (ex instanceof MethodArgumentTypeMismatchException argument) {
            if (argument.getParameter().hasParameterAnnotation(PathVariable.class)) {
                ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                        problems.message("web.request.noSuchPath", argument.getValue()));
                return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.NOT_FOUND, request);
            }
            return refused(ex, argument.getName(),
                    problems.message("web.request.invalidValue", argument.getName(), argument.getValue()), request);
        }
        String name = ex.getPropertyName() == null ? "request" : ex.getPropertyName();
        return refused(ex, name, problems.message("web.request.invalidValue", name, ex.getValue()), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = field(mismatch);
            return refused(ex, field, problems.message("web.request.unreadableField", field), request);
        }
        return super.handleHttpMessageNotReadable(ex, headers, status, request);
    }

    /** {@code dialing.mode}, {@code outcomes[2].category}: where in the body the value was. */
    private static String field(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private ResponseEntity<Object> refused(Exception ex, String field, String message, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, message);
        body.setProperty("errors", Map.of(field, message));
        return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.UNPROCESSABLE_ENTITY, request);
    }
}
