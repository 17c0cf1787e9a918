package org.dozvon.channels;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param secretKey         the key that encrypts the stored SMTP password and SMS gateway headers' secrets
 *                          ({@code DOZVON_SECRET_KEY}); any text of at least 16 characters. Empty: a random key
 *                          is made once and kept in {@code secretKeyFile}
 * @param secretKeyFile     where the random key lives when no {@code secretKey} is given
 * @param webRequestTimeout how long a web request of a notification template may take before it fails
 * @param outboxPoll        how often messages sent later (an operator's SMS or e-mail at wrap-up) are looked for
 */
@Validated
@ConfigurationProperties("dozvon.channels")
public record ChannelsProperties(
        @DefaultValue("") @Pattern(regexp = "|.{16,}", message = "DOZVON_SECRET_KEY must have at least 16 characters") String secretKey,
        @NotNull Path secretKeyFile,
        @DefaultValue("10s") @NotNull Duration webRequestTimeout,
        @DefaultValue("2s") @NotNull Duration outboxPoll) {
}
