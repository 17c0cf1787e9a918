package org.dozvon.channels;

import java.time.Instant;

/**
 * A message of the journal as other modules show it beside a contact's calls: what was sent, how it stands, and the
 * send key it was asked with (the workplace's {@code wrap-up:<attempt>:<channel>}, a strategy's
 * {@code <process>:<attempt>:<template>}). The recipient and the text are left out: they are the contact's values.
 *
 * @param attempts how many times it was tried
 * @param error    the latest failure, or null
 */
public record SentMessage(long id, Channel channel, String templateCode, MessageStatus status, int attempts,
                          String error, String sendKey, Instant createdAt, Instant sentAt) {
}
