package org.dozvon.strategy;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param outcomeTimeout  how long a strategy waits for a dial request's outcome before it gives the request up
 *                        (never dialled: cancelled and planned again; dialled: settled as FAILED)
 * @param intakeBatch     contacts a running campaign takes per transaction (one process start each)
 * @param intakeInterval  how often running campaigns are checked for contacts that joined their lists, for
 *                        finite campaigns that are done, and how soon edits reach waiting contacts
 */
@Validated
@ConfigurationProperties("dozvon.strategy")
public record StrategyProperties(
        @NotNull Duration outcomeTimeout,
        @Min(1) @Max(10_000) int intakeBatch,
        @NotNull Duration intakeInterval) {
}
