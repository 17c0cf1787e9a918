package org.dozvon.monitoring;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The supervisor's monitor.
 *
 * @param refresh       how often the monitor looks for changes while a monitor page is open (a change reaches the
 *                      screen within this plus the page's fetch of the changed block)
 * @param figuresMaxAge how old the call figures of the day may get when no call event arrives on this node (calls
 *                      of other nodes, requests queued by strategies)
 * @param abandonWindow the window of the abandon rate the monitor shows per campaign
 */
@Validated
@ConfigurationProperties("dozvon.monitoring")
public record MonitoringProperties(
        @DefaultValue("250ms") @NotNull Duration refresh,
        @DefaultValue("5s") @NotNull Duration figuresMaxAge,
        @DefaultValue("1h") @NotNull Duration abandonWindow) {
}
