package org.dozvon;

import java.util.List;


/**
 * A REST request refused for its fields or parameters: answered 422 with {@code errors} naming each field (by
 * {@code web.Problems#invalid}), whichever controller throws it.
 */
public class InvalidRequest extends RuntimeException {

    private final List<Violation> violations;

    public InvalidRequest(List<Violation> violations) {
        super(violations.toString());
        this.violations = List.copyOf(violations);
    }

    public InvalidRequest(String field, String messageKey, Object... arguments) {
        this(List.of(new Violation(field, messageKey, arguments)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
