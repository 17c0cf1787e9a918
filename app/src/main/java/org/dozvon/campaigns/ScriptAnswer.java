package org.dozvon.campaigns;

import java.time.Instant;

/**
 * The answer to one script question given during one attempt.
 *
 * @param attemptId    the attempt (its dial request's id)
 * @param questionText the question as it was asked then
 * @param answer       as stored: {@code YES}/{@code NO}, an option, a number, a {@code yyyy-MM-dd} date or text
 * @param answeredBy   the user who gave (or last changed) it
 */
public record ScriptAnswer(long attemptId, long campaignId, long scriptId, String questionKey, String questionText,
                           String answer, String answeredBy, Instant answeredAt) {
}
