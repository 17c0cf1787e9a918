package org.dozvon.dialing;

import java.time.OffsetDateTime;
import java.util.List;

import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.campaigns.OutcomeCategory;
import org.dozvon.telephony.SpyMode;
import org.dozvon.ApiCursor;
import org.dozvon.ApiPage;
import org.dozvon.InvalidRequest;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/call-attempts}: the record of dialled calls, newest first; a supervisor's interventions in a call
 * in progress ({@code listen}, {@code take-over}). An intervention answers 202 once the PBX was asked (the
 * supervisor's phone rings), otherwise an RFC 7807 problem: 404 no such attempt, 409 the call is not connected to an
 * operator now, 422 the endpoint (or mode) is not one, 503 the PBX is not connected.
 */
@RestController
class CallAttemptsApi {

    private final CallRecords records;
    private final CallControl control;
    private final MessageSource messages;

    CallAttemptsApi(CallRecords records, CallControl control, MessageSource messages) {
        this.records = records;
        this.control = control;
        this.messages = messages;
    }

    /**
     * Attempts newest first ({@link ApiPage}, keyset by id).
     *
     * @param campaignId only this campaign's
     * @param contactId  only this contact's
     * @param outcome    only attempts that ended so
     * @param from       only attempts queued at or after this moment (ISO-8601 with offset)
     * @param to         only attempts queued before this moment
     */
    @GetMapping("/api/v1/call-attempts")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    ApiPage<CallRecord> list(@RequestParam(required = false) Long campaignId, @RequestParam(required = false) Long contactId,
                             @RequestParam(required = false) OutcomeCategory outcome,
                             @RequestParam(required = false) OffsetDateTime from,
                             @RequestParam(required = false) OffsetDateTime to,
                             @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRequest("to", "api.param.range");
        }
        int size = ApiPage.limit(limit);
        List<CallRecord> rows = records.list(campaignId, contactId, outcome, from == null ? null : from.toInstant(),
                to == null ? null : to.toInstant(), ApiCursor.decodeId(cursor), size + 1);
        return ApiPage.of(rows, size, call -> call, call -> new Object[] {call.attemptId()});
    }

    /** The supervisor's phone and how it joins: LISTEN (the default), WHISPER or BARGE. */
    record ListenRequest(String endpoint, String mode) {
    }

    record TakeOverRequest(String endpoint) {
    }

    /**
     * What was asked of the PBX.
     *
     * @param action the audit journal's code: {@code call.listen}, {@code call.whisper}, {@code call.barge} or
     *               {@code call.take-over}
     */
    record Intervention(long attemptId, String action, String endpoint, String message) {
    }

    @PostMapping("/api/v1/call-attempts/{id}/listen")
    @RequiresPermission(Permission.CALLS_INTERVENE)
    ResponseEntity<?> listen(@PathVariable long id, @RequestBody(required = false) ListenRequest body,
                             @AuthenticationPrincipal DozvonUser user) {
        String endpoint = body == null ? null : body.endpoint();
        SpyMode mode = CallInterventionController.mode(body == null ? null : body.mode());
        if (mode == null) {
            return problem(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown mode", "intervention.error.mode", id, body.mode());
        }
        String action = CallInterventionController.action(mode);
        return answer(id, endpoint, action, control.listen(id, endpoint, mode, user));
    }

    @PostMapping("/api/v1/call-attempts/{id}/take-over")
    @RequiresPermission(Permission.CALLS_INTERVENE)
    ResponseEntity<?> takeOver(@PathVariable long id, @RequestBody(required = false) TakeOverRequest body,
                               @AuthenticationPrincipal DozvonUser user) {
        String endpoint = body == null ? null : body.endpoint();
        return answer(id, endpoint, "call.take-over", control.takeOver(id, endpoint, user));
    }

    private ResponseEntity<?> answer(long id, String endpoint, String action, CallControl.Result result) {
        String shown = endpoint == null ? "" : endpoint.strip();
        return switch (result) {
            case DONE -> ResponseEntity.accepted().body(new Intervention(id, action, shown, text(
                    CallInterventionController.doneKey(action), id, shown)));
            case NO_ATTEMPT -> problem(HttpStatus.NOT_FOUND, "No such call attempt", "intervention.error.NO_ATTEMPT", id,
                    shown);
            case BAD_ENDPOINT -> problem(HttpStatus.UNPROCESSABLE_ENTITY, "Not a phone the PBX can dial",
                    "intervention.error.BAD_ENDPOINT", id, shown);
            case PBX_DOWN -> problem(HttpStatus.SERVICE_UNAVAILABLE, "PBX not connected", "intervention.error.PBX_DOWN",
                    id, shown);
            default -> problem(HttpStatus.CONFLICT, "Call not connected to an operator",
                    "intervention.error.NOT_CONNECTED", id, shown);
        };
    }

    private ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String key, long id, String value) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, text(key, id, value));
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }

    private String text(String key, long id, String value) {
        return messages.getMessage(key, new Object[] {String.valueOf(id), value == null ? "" : value},
                LocaleContextHolder.getLocale());
    }
}
