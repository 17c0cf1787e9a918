package org.dozvon.dialing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.dozvon.Violation;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Connectors (manual 4.1): the PBX routes calls go through, with their capacity and the order the dialer fills
 * them in. Changes apply at the dialer's next tick.
 */
@Service
public class Connectors {

    private static final Pattern TRUNK = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final ConnectorStore store;
    private final CallAttemptStore attempts;

    Connectors(ConnectorStore store, CallAttemptStore attempts) {
        this.store = store;
        this.attempts = attempts;
    }

    public List<Connector> all() {
        return store.all();
    }

    public ConnectorSelection selection() {
        return store.selection();
    }

    /** Calls in progress per connector id, on every node. */
    public Map<Long, Integer> busy() {
        Map<Long, Integer> busy = new HashMap<>();
        attempts.open().forEach(call -> {
            if (call.connectorId() != null) {
                busy.merge(call.connectorId(), 1, Integer::sum);
            }
        });
        return busy;
    }

    Connector existing(long id) {
        return store.find(id).orElseThrow(() -> new ConnectorNotFound(id));
    }

    /** Creates ({@code id} null) or changes a connector; the refusal's reasons, or the id. */
    @Transactional
    Result save(Long id, String name, Integer position, Integer capacity, String trunk, boolean active) {
        if (id != null) {
            existing(id);
        }
        List<Violation> violations = new ArrayList<>();
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100) {
            violations.add(new Violation("name", "connectors.error.name"));
        } else if (store.nameTaken(clean, id)) {
            violations.add(new Violation("name", "connectors.error.nameTaken", clean));
        }
        if (position == null || position < 1 || position > 1000) {
            violations.add(new Violation("position", "connectors.error.position"));
        }
        if (capacity == null || capacity < 0 || capacity > 10_000) {
            violations.add(new Violation("capacity", "connectors.error.capacity"));
        }
        String cleanTrunk = trunk == null || trunk.isBlank() ? null : trunk.strip();
        if (cleanTrunk != null && !TRUNK.matcher(cleanTrunk).matches()) {
            violations.add(new Violation("trunk", "connectors.error.trunk", cleanTrunk));
        }
        if (!violations.isEmpty()) {
            return new Result(violations, null);
        }
        Connector connector = new Connector(id == null ? 0 : id, clean, position, capacity, cleanTrunk, active);
        if (id == null) {
            return new Result(List.of(), store.insert(connector));
        }
        store.update(connector);
        return new Result(List.of(), id);
    }

    /** Deletes a connector; its calls in progress go on, counted against no connector. */
    @Transactional
    void delete(long id) {
        if (!store.delete(id)) {
            throw new ConnectorNotFound(id);
        }
    }

    @Transactional
    void selection(ConnectorSelection selection) {
        store.selection(selection);
    }

    record Result(List<Violation> violations, Long id) {
        boolean ok() {
            return violations.isEmpty();
        }
    }
}
