package org.dozvon.strategy;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of strategies: how their contacts run and how their models reach the engine.
 *
 * @param outcomeTimeout  how long a strategy waits for a dial request's outcome before it gives the request up
 *                        (never dialled: cancelled and planned again; dialled: settled as FAILED)
 * @param intakeBatch     contacts a running campaign takes per transaction (one process start each)
 * @param intakeInterval  how often running campaigns are checked for contacts that joined their lists, for
 *                        finite campaigns that are done, and how soon edits reach waiting contacts
 * @param modelLocations  the BPMN and DMN files deployed at start-up, as Spring resource patterns: by default the
 *                        top-level {@code bpmn/} and {@code dmn/} folders, which the build packages as classpath
 *                        resources; a deployer may add a folder of their own ({@code file:/etc/dozvon/bpmn/*.bpmn})
 * @param maxModelSize    the largest BPMN or DMN file the portal and the API accept in an upload
 */
@Validated
@ConfigurationProperties("dozvon.strategy")
public record StrategyProperties(
        @DefaultValue("2h") @NotNull Duration outcomeTimeout,
        @DefaultValue("500") @Min(1) @Max(10_000) int intakeBatch,
        @DefaultValue("30s") @NotNull Duration intakeInterval,
        @DefaultValue({"classpath*:bpmn/**/*.bpmn", "classpath*:dmn/**/*.dmn"}) @NotEmpty List<String> modelLocations,
        @DefaultValue("2MB") @NotNull DataSize maxModelSize) {
}
