package org.dozvon.campaigns;

import java.util.List;

import org.dozvon.Violation;

/** The answer to a change of campaigns' reference data: done (with the id), or refused with the reasons. */
record ReferenceResult(List<Violation> violations, Long id) {

    static ReferenceResult refused(List<Violation> violations) {
        return new ReferenceResult(List.copyOf(violations), null);
    }

    static ReferenceResult refused(String field, String messageKey, Object... arguments) {
        return refused(List.of(new Violation(field, messageKey, arguments)));
    }

    static ReferenceResult done(long id) {
        return new ReferenceResult(List.of(), id);
    }

    boolean ok() {
        return violations.isEmpty();
    }
}
