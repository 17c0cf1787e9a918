package org.dozvon.crm;

import org.dozvon.strategy.ContactRefused;
import org.dozvon.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** This module's REST refusals as RFC 7807 problems: 404 for what is not there, 409 for a contact's state. */
@RestControllerAdvice(assignableTypes = {ContactsApi.class, PhoneBlocksApi.class, CrmStatusesApi.class})
class CrmApiAdvice {

    private final Problems problems;

    CrmApiAdvice(Problems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<ProblemDetail> notFound(NotFound e) {
        return Problems.problem(HttpStatus.NOT_FOUND, e.getMessage(), null);
    }

    @ExceptionHandler(ContactRefused.class)
    ResponseEntity<ProblemDetail> refused(ContactRefused e) {
        ResponseEntity<ProblemDetail> answer = problems.refused(HttpStatus.CONFLICT, e.messageKey(), String.valueOf(e.campaignId()));
        answer.getBody().setProperty("reason", e.reason().name());
        return answer;
    }
}
