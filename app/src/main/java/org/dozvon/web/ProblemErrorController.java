package org.dozvon.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Errors that no controller answered (an unknown address, a failure in a filter): a browser gets the
 * error page, everything else an RFC 7807 problem — never Spring's own JSON shape.
 */
class ProblemErrorController extends BasicErrorController {

    ProblemErrorController(ErrorAttributes errorAttributes, ErrorProperties errorProperties,
                           List<ErrorViewResolver> errorViewResolvers) {
        super(errorAttributes, errorProperties, errorViewResolvers);
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        if (status == HttpStatus.NO_CONTENT) {
            return new ResponseEntity<>(status);
        }
        Map<String, Object> attributes = getErrorAttributes(request, ErrorAttributeOptions.defaults());
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", switch (status) {
            case NOT_FOUND -> "There is nothing at " + attributes.get("path");
            case METHOD_NOT_ALLOWED -> "This method is not allowed on " + attributes.get("path");
            default -> status.is5xxServerError() ? "The error has been logged" : status.getReasonPhrase();
        });
        problem.put("instance", attributes.get("path"));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
