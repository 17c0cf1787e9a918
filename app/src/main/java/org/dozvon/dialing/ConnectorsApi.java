package org.dozvon.dialing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dozvon.Violation;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/connectors}: connectors and their selection order over REST. */
@RestController
@RequestMapping("/api/v1/connectors")
class ConnectorsApi {

    private final Connectors connectors;
    private final MessageSource messages;

    ConnectorsApi(Connectors connectors, MessageSource messages) {
        this.connectors = connectors;
        this.messages = messages;
    }

    /** The selection order and every connector with its calls in progress. */
    @GetMapping
    @RequiresPermission(Permission.TELEPHONY_MANAGE)
    Overview list() {
        Map<Long, Integer> busy = connectors.busy();
        return new Overview(connectors.selection(), connectors.all().stream()
                .map(c -> ConnectorDto.of(c, busy.getOrDefault(c.id(), 0))).toList());
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.TELEPHONY_MANAGE)
    ConnectorDto get(@PathVariable long id) {
        return ConnectorDto.of(connectors.existing(id), connectors.busy().getOrDefault(id, 0));
    }

    @PostMapping
    @RequiresPermission(Permission.TELEPHONY_MANAGE)
    ResponseEntity<?> create(@RequestBody ConnectorRequest request) {
        Connectors.Result result = connectors.save(null, request.name(), request.position(), request.capacity(),
                request.trunk(), request.active() == null || request.active());
        if (!result.ok()) {
            return invalid(result.violations());
        }
        return ResponseEntity.created(URI.create("/api/v1/connectors/" + result.id())).body(get(result.id()));
    }

    @PutMapping("/{id}")
    @RequiresPermission(Permission.TELEPHONY_MANAGE)
    ResponseEntity<?> update(@PathVariable long id, @RequestBody ConnectorRequest request) {
        Connectors.Result result = connectors.save(id, request.name(), request.position(), request.capacity(),
                request.trunk(), request.active() == null || request.active());
        return result.ok() ? ResponseEntity.ok(get(id)) : invalid(result.violations());
    }

    @DeleteMapping("/{id}")
    @RequiresPermission(Permission.TELEPHONY_MANAGE)
    ResponseEntity<?> delete(@PathVariable long id) {
        connectors.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** Body: {@code {"selection": "ROUND_ROBIN"}}. */
    @PutMapping("/selection")
    @RequiresPermission(Permission.TELEPHONY_MANAGE)
    ResponseEntity<?> selection(@RequestBody SelectionRequest request) {
        if (request.selection() == null) {
            return invalid(List.of(new Violation("selection", "connectors.error.selection")));
        }
        connectors.selection(request.selection());
        return ResponseEntity.ok(list());
    }

    private ResponseEntity<ProblemDetail> invalid(List<Violation> violations) {
        Map<String, String> errors = new LinkedHashMap<>();
        violations.forEach(v -> errors.merge(v.field(), messages.getMessage(v.messageKey(), v.arguments(), v.messageKey(),
                LocaleContextHolder.getLocale()), (a, b) -> a + " " + b));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                String.join(" ", errors.values()));
        problem.setProperty("errors", errors);
        return ResponseEntity.unprocessableEntity().body(problem);
    }

    record Overview(ConnectorSelection selection, List<ConnectorDto> connectors) {
    }

    record ConnectorDto(long id, String name, int position, int capacity, String trunk, boolean active, int busy) {
        static ConnectorDto of(Connector c, int busy) {
            return new ConnectorDto(c.id(), c.name(), c.position(), c.capacity(), c.trunk(), c.active(), busy);
        }
    }

    record ConnectorRequest(String name, Integer position, Integer capacity, String trunk, Boolean active) {
    }

    record SelectionRequest(ConnectorSelection selection) {
    }
}
