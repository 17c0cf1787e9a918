package org.dozvon.dialing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.ApiCursor;
import org.dozvon.ApiPage;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/alerts}: the alerts newest first, and acknowledging one. A campaign refused to resume because of an
 * open auto-stop alert answers {@code POST /api/v1/campaigns/{id}/resume} with a 409 problem whose {@code errors.alert}
 * names the alert.
 */
@RestController
@RequestMapping("/api/v1/alerts")
class AlertsApi {

    private final Alerts alerts;
    private final MessageSource messages;

    AlertsApi(Alerts alerts, MessageSource messages) {
        this.alerts = alerts;
        this.messages = messages;
    }

    /**
     * Alerts newest first ({@link ApiPage}, keyset by id).
     *
     * @param open       true: only the alerts not acknowledged; false or absent: all
     * @param campaignId only this campaign's
     * @param kind       only alerts of this kind
     */
    @GetMapping
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    ApiPage<AlertDto> list(@RequestParam(defaultValue = "false") boolean open,
                           @RequestParam(required = false) Long campaignId,
                           @RequestParam(required = false) AlertKind kind,
                           @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        int size = ApiPage.limit(limit);
        List<Alert> rows = alerts.page(open, campaignId, kind, ApiCursor.decodeId(cursor), size + 1);
        return ApiPage.of(rows, size, this::dto, alert -> new Object[] {alert.id()});
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    AlertDto get(@PathVariable long id) {
        return dto(alerts.find(id).orElseThrow(() -> new AlertNotFound(id)));
    }

    /** 200 with the acknowledged alert; 404 when there is none; 409 when it was acknowledged before. */
    @PostMapping("/{id}/acknowledge")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    ResponseEntity<?> acknowledge(@PathVariable long id, @AuthenticationPrincipal DozvonUser user) {
        try {
            return ResponseEntity.ok(dto(alerts.acknowledge(id, user.getUsername())));
        } catch (AlertAlreadyAcknowledged e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, messages.getMessage(
                    "alerts.error.acknowledgedBy", new Object[] {String.valueOf(id), e.alert().acknowledgedBy(),
                            String.valueOf(e.alert().acknowledgedAt())}, LocaleContextHolder.getLocale()));
            problem.setTitle("Alert already acknowledged");
            problem.setProperty("alert", dto(e.alert()));
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
        }
    }

    private AlertDto dto(Alert a) {
        String message = messages.getMessage(a.messageKey(), a.messageArguments(), LocaleContextHolder.getLocale());
        return new AlertDto(a.id(), a.kind(), a.open(), a.campaignId(), a.node(), a.raisedAt(), message, a.parameters(),
                a.resolvedAt(), a.acknowledgedBy(), a.acknowledgedAt());
    }

    /**
     * One alert.
     *
     * @param open       not acknowledged yet
     * @param message    what happened, in the request's language
     * @param parameters what the message is made of (see {@link AlertKind})
     */
    record AlertDto(long id, AlertKind kind, boolean open, Long campaignId, String node, Instant raisedAt, String message,
                    Map<String, Object> parameters, Instant resolvedAt, String acknowledgedBy, Instant acknowledgedAt) {
    }
}
