package org.dozvon.webhooks;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The signature a CRM checks with openssl, and the pauses between attempts. */
class SignaturesTests {

    @Test
    void theSignatureIsWhatOpensslComputesOverTheTimestampADotAndTheBody() {
        // printf '%s' '1795597000.{"id":...}' | openssl dgst -sha256 -hmac 'whsec_test_secret_0123'
        assertThat(Signatures.header(1795597000L, "{\"id\":\"e1\",\"type\":\"webhook.test\",\"data\":{\"name\":\"Проверка\"}}",
                "whsec_test_secret_0123"))
                .isEqualTo("t=1795597000,v1=b0b12b964d807bdc3779a8b4061ac41ba330841cbdbde54f5101970befcd33e3");
    }

    @Test
    void pausesDoubleFromTheFirstRetryUpToTheCapSpreadByAFifthEitherWay() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofHours(1));
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        Instant until = now.plus(Duration.ofHours(24));
        assertThat(backoff.next(1, now, until, () -> 0.5)).isEqualTo(now.plusSeconds(10));
        assertThat(backoff.next(2, now, until, () -> 0.5)).isEqualTo(now.plusSeconds(20));
        assertThat(backoff.next(4, now, until, () -> 0.5)).isEqualTo(now.plusSeconds(80));
        assertThat(backoff.next(1, now, until, () -> 0.0)).isEqualTo(now.plusSeconds(8));
        assertThat(backoff.next(1, now, until, () -> 0.999_999)).isBetween(now.plusMillis(11_999), now.plusSeconds(12));
        assertThat(backoff.next(30, now, until, () -> 0.999_999)).as("never more than the cap").isEqualTo(now.plus(Duration.ofHours(1)));
        assertThat(backoff.next(30, now, until, () -> 0.0)).isEqualTo(now.plus(Duration.ofMinutes(48)));
    }

    @Test
    void theLastAttemptFallsOnTheHorizonAndAfterItTheDeliveryFails() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofHours(1));
        Instant until = Instant.parse("2030-01-02T00:00:00Z");
        assertThat(backoff.next(20, until.minusSeconds(60), until, () -> 0.5)).isEqualTo(until);
        assertThat(backoff.next(21, until, until, () -> 0.5)).isNull();
        assertThat(backoff.next(1, until.plusSeconds(1), until, () -> 0.5)).isNull();
    }
}
