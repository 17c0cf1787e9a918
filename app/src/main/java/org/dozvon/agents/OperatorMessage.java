package org.dozvon.agents;

import java.time.Instant;

/** A supervisor's message to an operator; {@code readAt} null until the operator has read it. */
public record OperatorMessage(long id, long operatorId, String text, String sentBy, Instant sentAt, Instant readAt) {
}
