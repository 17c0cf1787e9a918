package org.dozvon.access;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;
import org.springframework.validation.annotation.Validated;

/**
 * @param adminPassword     password of the {@code admin} account created on the first start with an empty
 *                          database ({@code DOZVON_ADMIN_PASSWORD}); without it a random one is printed once
 *                          and must be changed at the first login
 * @param passwordMinLength the shortest password a local user may choose
 * @param rateLimit         how fast one credential (a user with HTTP Basic, an API token) may call the API
 */
@Validated
@ConfigurationProperties("dozvon.access")
public record AccessProperties(
        @Nullable @Size(min = 8, message = "DOZVON_ADMIN_PASSWORD must have at least 8 characters") String adminPassword,
        @DefaultValue("8") @Min(8) @Max(128) int passwordMinLength,
        @Valid @DefaultValue RateLimit rateLimit) {

    public AccessProperties {
        // an empty DOZVON_ADMIN_PASSWORD means "not set", not "an empty password"
        adminPassword = adminPassword == null || adminPassword.isEmpty() ? null : adminPassword;
    }

    /**
     * A token bucket per credential and instance: {@code burst} calls at once, refilled at {@code requestsPerSecond}.
     * An API token with a limit of its own follows that instead.
     *
     * @param requestsPerSecond calls per second one credential may keep up
     * @param burst             calls one credential may make at once after a quiet spell
     */
    public record RateLimit(@DefaultValue("20") @Min(1) int requestsPerSecond, @DefaultValue("100") @Min(1) int burst) {
    }
}
