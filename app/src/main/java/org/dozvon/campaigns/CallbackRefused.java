package org.dozvon.campaigns;

import java.util.List;

import org.dozvon.Violation;

/** A callback that cannot be scheduled as asked: each violation names the field and the reason. */
public class CallbackRefused extends RuntimeException {

    private final transient List<Violation> violations;

    public CallbackRefused(List<Violation> violations) {
        super("Callback refused: " + violations.stream().map(Violation::messageKey).toList());
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
