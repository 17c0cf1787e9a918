package org.dozvon.webhooks;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the webhooks' delivery.
 *
 * @param send           whether this instance posts deliveries (events are recorded either way; an instance that
 *                       does not send leaves them to those that do)
 * @param pollInterval   how often due deliveries are looked for
 * @param connectTimeout how long connecting to a subscriber may take
 * @param requestTimeout how long a subscriber may take to answer a delivery; longer counts as a failure
 * @param firstRetry     the pause after a delivery's first failure; it doubles after each further failure
 * @param maxRetry       the longest pause between two attempts
 * @param retryFor       how long after its event a delivery is retried before it is marked FAILED (a redelivery
 *                       gives it this long again)
 * @param keep           how long delivered and failed deliveries stay in the delivery log
 */
@Validated
@ConfigurationProperties("dozvon.webhooks")
public record WebhooksProperties(
        @DefaultValue("true") boolean send,
        @DefaultValue("1s") @NotNull @DurationMin(millis = 10) Duration pollInterval,
        @DefaultValue("5s") @NotNull @DurationMin(millis = 100) Duration connectTimeout,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 100) Duration requestTimeout,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 10) Duration firstRetry,
        @DefaultValue("1h") @NotNull @DurationMin(millis = 10) Duration maxRetry,
        @DefaultValue("24h") @NotNull @DurationMin(seconds = 1) Duration retryFor,
        @DefaultValue("30d") @NotNull @DurationMin(hours = 1) Duration keep) {
}
