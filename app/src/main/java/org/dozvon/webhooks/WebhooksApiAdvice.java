package org.dozvon.webhooks;

import org.dozvon.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The webhooks API's refusals as RFC 7807 problems saying what was not found or why it cannot be done. */
@RestControllerAdvice(assignableTypes = WebhooksApi.class)
class WebhooksApiAdvice {

    private final Problems problems;

    WebhooksApiAdvice(Problems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(WebhookNotFound.class)
    ResponseEntity<ProblemDetail> notFound(WebhookNotFound e) {
        return Problems.problem(HttpStatus.NOT_FOUND, e.getMessage(), null);
    }

    @ExceptionHandler(Subscriptions.RedeliveryRefused.class)
    ResponseEntity<ProblemDetail> pending(Subscriptions.RedeliveryRefused e) {
        return problems.refused(HttpStatus.CONFLICT, "webhooks.error.redeliverPending");
    }
}
