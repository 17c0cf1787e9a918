package org.dozvon.strategy;

import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How strategy models reach the engine.
 *
 * @param modelLocations the BPMN and DMN files deployed at start-up, as Spring resource patterns: by default the
 *                       top-level {@code bpmn/} and {@code dmn/} folders, which the build packages as classpath
 *                       resources; a deployer may add a folder of their own ({@code file:/etc/dozvon/bpmn/*.bpmn})
 * @param maxModelSize   the largest BPMN or DMN file the portal and the API accept in an upload
 */
@Validated
@ConfigurationProperties("dozvon.strategy")
public record StrategyDeploymentProperties(
        @DefaultValue({"classpath*:bpmn/**/*.bpmn", "classpath*:dmn/**/*.dmn"}) @NotNull List<String> modelLocations,
        @DefaultValue("2MB") @NotNull DataSize maxModelSize) {
}
