package org.dozvon.channels;

/**
 * The HTTP SMS gateway: one request per message, built from these templates with {@code @phone} (E.164,
 * {@code +79123456789}), {@code @phone_digits} ({@code 79123456789}), {@code @text} and {@code @secret}.
 *
 * @param url             the request URL; values are URL-encoded into it
 * @param method          GET, POST or PUT
 * @param headers         {@code Name: value} lines
 * @param body            the request body (POST, PUT); values escaped as its Content-Type header says
 * @param timeoutSeconds  how long to wait for the answer
 * @param successContains empty: any 2xx answer is success; otherwise a 2xx answer must also contain this text
 *                        (for gateways that answer 200 with an error inside)
 * @param sealedSecret    the gateway's API key or password, sealed by {@link SecretBox}; never shown back
 */
record SmsGatewaySettings(String url, String method, String headers, String body, int timeoutSeconds,
                          String successContains, String sealedSecret) {
}
