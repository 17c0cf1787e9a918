package org.dozvon.dialing;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.dozvon.Violation;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.ApiPage;
import org.dozvon.web.Problems;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/connectors}: connectors and their selection order over REST. */
@RestController
@RequestMapping("/api/v1/connectors")
class ConnectorsApi {

    private final Connectors connectors;
    private final Problems problems;

    ConnectorsApi(Connectors connectors, Problems problems) {
        this.connectors = connectors;
        this.problems = problems;
    }

    /** Connectors in id order ({@link ApiPage}), each with its calls in progress; {@code active} keeps those (not) in use. */
    @GetMapping
    @RequiresPermission(Permission.TELEPHONY_MANAGE)
    ApiPage<ConnectorDto> list(@RequestParam(required = false) Boolean active, @RequestParam(required = false) String cursor,
                               @RequestParam(required = false) Integer limit) {
        Map<Long, Integer> busy = connectors.busy();
        return ApiPage.byId(connectors.all().stream().filter(c -> active == null || c.active() == active).toList(),
                cursor, limit, Connector::id, c -> ConnectorDto.of(c, busy.getOrDefault(c.id(), 0)));
    }

    /** How a call picks its connector: {@code {"selection": "ROUND_ROBIN"}}. */
    @GetMapping("/selection")
    @RequiresPermission(Permission.TELEPHONY_MANAGE)
    SelectionRequest selection() {
        return new SelectionRequest(connectors.selection());
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
            return problems.invalid(result.violations());
        }
        return ResponseEntity.created(URI.create("/api/v1/connectors/" + result.id())).body(get(result.id()));
    }

    @PutMapping("/{id}")
    @RequiresPermission(Permission.TELEPHONY_MANAGE)
    ResponseEntity<?> update(@PathVariable long id, @RequestBody ConnectorRequest request) {
        Connectors.Result result = connectors.save(id, request.name(), request.position(), request.capacity(),
                request.trunk(), request.active() == null || request.active());
        return result.ok() ? ResponseEntity.ok(get(id)) : problems.invalid(result.violations());
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
    ResponseEntity<?> changeSelection(@RequestBody SelectionRequest request) {
        if (request.selection() == null) {
            return problems.invalid(List.of(new Violation("selection", "connectors.error.selection")));
        }
        connectors.selection(request.selection());
        return ResponseEntity.ok(selection());
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
