package org.dozvon.web;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The web layer: the REST API's idempotency keys.
 *
 * @param idempotency how long answers to POSTs sent with an {@code Idempotency-Key} are kept
 */
@Validated
@ConfigurationProperties("dozvon.web")
public record WebProperties(@DefaultValue @NotNull @Valid Idempotency idempotency) {

    /**
     * @param ttl               how long the first answer to a POST with an {@code Idempotency-Key} is replayed to
     *                          the same request with the same key (then the key is forgotten, and may be used again)
     * @param inProgressTimeout a request with a key still unanswered after this long is taken for lost (the instance
     *                          answering it stopped): its key may then be used again
     */
    public record Idempotency(@DefaultValue("24h") @NotNull Duration ttl,
                              @DefaultValue("10m") @NotNull Duration inProgressTimeout) {
    }
}
