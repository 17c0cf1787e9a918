package org.dozvon.campaigns;

import org.dozvon.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** This module's REST refusals as RFC 7807 problems that say what was not found or why it cannot change. */
@RestControllerAdvice(assignableTypes = {CompletionCodesApi.class, CodeGroupsApi.class, WorkingCalendarsApi.class,
        CallbacksApi.class, ScriptsApi.class, CallerIdsApi.class})
class ReferenceApiAdvice {

    @ExceptionHandler(ReferenceNotFound.class)
    ResponseEntity<ProblemDetail> notFound(ReferenceNotFound e) {
        return Problems.problem(HttpStatus.NOT_FOUND, e.getMessage(), null);
    }

    @ExceptionHandler(CallbackClosed.class)
    ResponseEntity<ProblemDetail> closed(CallbackClosed e) {
        return Problems.problem(HttpStatus.CONFLICT, e.getMessage(), null);
    }
}
