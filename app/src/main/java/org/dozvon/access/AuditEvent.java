package org.dozvon.access;

import java.time.Instant;

/**
 * One recorded change: who (user name and the roles held then), when (to the microsecond), what action on which
 * object, and the object's value before and after as JSON (null when there is none, e.g. a message sent).
 */
public record AuditEvent(long id, Instant at, String username, String roles, String action, String objectType,
                         String objectId, String before, String after) {
}
