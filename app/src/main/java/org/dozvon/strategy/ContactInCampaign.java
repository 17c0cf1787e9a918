package org.dozvon.strategy;

import java.time.Instant;

/**
 * Where a contact stands in one campaign that has taken it ({@link ContactControl#campaignsOf}).
 *
 * @param status         as a CRM hears it: active, postponed, on hold or finished
 * @param finalStatus    how it ended, when finished
 * @param postponedUntil until when it is not called, when postponed
 * @param state          the strategy's own state: WAITING (for a calling window), QUEUED (a dial request waits or is
 *                       being dialled), NOTIFYING (a message is being sent), FINISHED
 * @param nextDialAt     when its strategy plans to dial it next (or look again, when on hold); null when queued or
 *                       finished
 * @param attempts       its dialled attempts so far
 * @param stepId         the element of its strategy's process it waits in ({@code Timer_Window},
 *                       {@code Gateway_WaitOutcome}), null when finished
 * @param stepName       that element's name in the model
 */
public record ContactInCampaign(long campaignId, ContactStatus status, FinalStatus finalStatus, Instant postponedUntil,
                                String state, Instant nextDialAt, int attempts, Instant firstAttemptAt, Instant startedAt,
                                Instant finishedAt, String stepId, String stepName) {
}
