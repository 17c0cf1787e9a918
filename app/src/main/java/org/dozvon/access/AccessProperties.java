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
 * @param password          the rest of the local password policy
 * @param lockout           how many wrong passwords in a row lock a local account, and for how long
 * @param sessionLifetime   the longest a portal session lasts however busy (0: no limit); the idle timeout is
 *                          {@code server.servlet.session.timeout}
 */
@Validated
@ConfigurationProperties("dozvon.access")
public record AccessProperties(
        @Nullable @Size(min = 8, message = "DOZVON_ADMIN_PASSWORD must have at least 8 characters") String adminPassword,
        @DefaultValue("10") @Min(8) @Max(128) int passwordMinLength,
        @Valid @DefaultValue RateLimit rateLimit,
        @Valid @DefaultValue Password password,
        @Valid @DefaultValue Lockout lockout,
        @DefaultValue("12h") java.time.Duration sessionLifetime) {

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

    /**
     * The local password policy besides the length (LDAP users follow the directory's).
     *
     * @param minClasses of the four kinds of characters (lower-case, capitals, digits, others) how many a new
     *                   password must contain
     * @param history    how many of a user's last chosen passwords may not be chosen again (0: only the current one)
     * @param expiryDays after how many days a password must be changed at the next login (0: never)
     */
    public record Password(@DefaultValue("3") @Min(1) @Max(4) int minClasses,
                           @DefaultValue("5") @Min(0) @Max(24) int history,
                           @DefaultValue("90") @Min(0) int expiryDays) {
    }

    /**
     * @param attempts wrong passwords in a row that lock a local account (0: never locked)
     * @param duration how long the lock lasts
     */
    public record Lockout(@DefaultValue("5") @Min(0) int attempts,
                          @DefaultValue("15m") java.time.Duration duration) {
    }
}
