package org.dozvon.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a delivery, after Stripe's: {@code t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>">},
 * the key being the subscription's secret as UTF-8 bytes, so that
 * {@code printf '%s.%s' "$t" "$body" | openssl dgst -sha256 -hmac "$secret"} gives the same hex.
 */
final class Signatures {

    private Signatures() {
    }

    /** The {@code Dozvon-Signature} header's value. */
    static String header(long timestamp, String body, String secret) {
        return "t=" + timestamp + ",v1=" + hmac(timestamp + "." + body, secret);
    }

    static String hmac(String message, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
