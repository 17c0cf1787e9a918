package org.dozvon.campaigns;

import java.time.Duration;
import java.util.Optional;

/**
 * A completion (disposition) code: the result of an attempt as telephony or the operator gives it.
 *
 * @param code              short unique key in capitals, digits and underscores ({@code THINK_IT_OVER});
 *                          what strategies, reports and the API refer to; never changes
 * @param name              what operators and supervisors see
 * @param category          the outcome category the code refines
 * @param resolution        retry or finish the contact
 * @param retryDelaySeconds for a retryable code, the default pause before the next attempt; null: the
 *                          strategy decides
 * @param maxAttempts       for a retryable code, how many times this code may be given to one contact
 *                          before it counts as exhausted; null: no limit of its own
 * @param active            inactive codes are kept (history refers to them) but no longer offered
 */
public record CompletionCode(long id, String code, String name, String description, CodeKind kind,
                             OutcomeCategory category, CodeResolution resolution, Integer retryDelaySeconds,
                             Integer maxAttempts, boolean active) {

    /** Whether the contact is finished by this code. */
    public boolean isFinal() {
        return resolution.isFinal();
    }

    public Optional<Duration> retryDelay() {
        return Optional.ofNullable(retryDelaySeconds).map(Duration::ofSeconds);
    }
}
