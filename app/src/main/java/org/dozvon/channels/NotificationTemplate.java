package org.dozvon.channels;

import java.time.Instant;

/**
 * A notification template: the text of an SMS or an e-mail, or the request of a web request, with
 * {@code @field} references to the contact's values. The code is how strategies name it; it never changes.
 *
 * @param subject    e-mail only
 * @param body       the SMS or e-mail text; the request body of a web request (may be empty)
 * @param webMethod  web requests only: GET, POST, PUT, PATCH or DELETE
 * @param webUrl     web requests only: the URL, values URL-encoded into it
 * @param webHeaders web requests only: {@code Name: value} lines
 */
record NotificationTemplate(Long id, String code, String name, String description, Channel channel, String subject,
                            String body, String webMethod, String webUrl, String webHeaders, Instant createdAt,
                            Instant updatedAt) {
}
