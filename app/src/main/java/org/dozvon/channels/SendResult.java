package org.dozvon.channels;

/**
 * What became of a send that did not throw.
 *
 * @param messageId the journal row of the message
 * @param status    SENT, or SIMULATED for a dry run
 * @param attempt   which attempt of this logical send it was (1 for the first)
 * @param subject   the rendered subject of an e-mail, the HTTP method of a web request, null for an SMS
 * @param text      the rendered text of an SMS or e-mail, the rendered body of a web request
 * @param response  the start of the answer of the SMS gateway or the web peer (status line and body), null
 *                  for e-mail and dry runs
 */
public record SendResult(long messageId, MessageStatus status, int attempt, String subject, String text,
                         String response) {
}
