package org.dozvon.dialing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.dozvon.campaigns.OutcomeCategory;

import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ended call attempts at chosen times, written through the dialer's own store (as its event thread writes them) and
 * settled as a wrap-up settles them, for tests of the figures read from them. Each attempt is a manual request of
 * its own (never taken by a pacer), begun and ended in one transaction, so the dialers of the shared application
 * never see it open.
 */
public final class AttemptRecords {

    private final DialQueue queue;
    private final CallAttemptStore attempts;
    private final TransactionTemplate transactions;

    public AttemptRecords(ApplicationContext context) {
        this.queue = context.getBean(DialQueue.class);
        this.attempts = context.getBean(CallAttemptStore.class);
        this.transactions = context.getBean(TransactionTemplate.class);
    }

    /** A call that ended at {@code endedAt} without reaching an operator. */
    public long ended(long campaignId, long contactId, OutcomeCategory outcome, Instant endedAt) {
        return record(campaignId, contactId, outcome, endedAt, outcome == OutcomeCategory.ABANDONED, null, null, null,
                null);
    }

    /**
     * A call a person answered and waited for an operator in (progressive, predictive), connected to the operator
     * {@code talk} before it ended at {@code endedAt}, wrapped up {@code wrapUp} after.
     */
    public long talked(long campaignId, long contactId, long operatorId, String operatorName, Instant endedAt,
                       Duration talk, Duration wrapUp) {
        return record(campaignId, contactId, OutcomeCategory.ANSWERED, endedAt, true, operatorId, operatorName, talk,
                wrapUp);
    }

    private long record(long campaignId, long contactId, OutcomeCategory outcome, Instant endedAt, boolean waited,
                        Long operatorId, String operatorName, Duration talk, Duration wrapUp) {
        Instant dialledAt = endedAt.minus(talk == null ? Duration.ofSeconds(20) : talk.plusSeconds(10));
        return transactions.execute(status -> {
            DialAttempt attempt = queue.manual(campaignId, contactId, "+79990000000", "UTC",
                    LocalDate.ofInstant(dialledAt, ZoneOffset.UTC), dialledAt);
            attempts.insert(attempt, "test-" + UUID.randomUUID(), "test-records", null, null);
            attempts.originated(java.util.List.of(attempt.id()), dialledAt);
            if (waited || outcome == OutcomeCategory.ANSWERED || outcome == OutcomeCategory.MACHINE) {
                attempts.answered(attempt.id(), dialledAt.plusSeconds(5));
            }
            if (waited) {
                attempts.waiting(attempt.id(), dialledAt.plusSeconds(6));
            }
            if (operatorId != null) {
                attempts.operator(attempt.id(), operatorId, operatorName);
                attempts.bridged(attempt.id(), endedAt.minus(talk), operatorName);
            }
            attempts.ended(attempt.id(), endedAt, outcome.name(), null, null, "recorded by a test");
            queue.settleManual(attempt.id(), outcome, null, wrapUp == null ? endedAt : endedAt.plus(wrapUp));
            return attempt.id();
        });
    }
}
