package org.dozvon.monitoring;

import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/call-attempts/{id}/detail}: the call card's content as JSON ({@link CallDetail}: the contact
 * with the caller's field access, the stages with their milliseconds, the events, the code, the script's answers and
 * the strategy's decisions with the rules that fired). The list, {@code /api/v1/call-attempts}, is dialing's.
 */
@RestController
class CallDetailApi {

    private final CallDetails details;
    private final Problems problems;

    CallDetailApi(CallDetails details, Problems problems) {
        this.details = details;
        this.problems = problems;
    }

    @GetMapping("/api/v1/call-attempts/{id}/detail")
    @RequiresPermission(Permission.MONITORING_VIEW)
    ResponseEntity<?> detail(@PathVariable long id, @AuthenticationPrincipal DozvonUser user) {
        return details.detail(id, user).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> problems.refused(HttpStatus.NOT_FOUND, "calls.error.notFound", id));
    }
}
