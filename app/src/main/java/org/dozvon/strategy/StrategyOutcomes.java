package org.dozvon.strategy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.dozvon.campaigns.OutcomeCategory;
import org.dozvon.dialing.DialAttempt;
import org.dozvon.dialing.DialQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

import static org.dozvon.strategy.ContactVariables.*;

/**
 * Where call outcomes enter the strategies: settles the attempt and correlates the message
 * {@code CallOutcome} to the contact's process, in one transaction. An attempt is settled once: a duplicate
 * or late outcome (the strategy gave the attempt up, or it was already reported) is ignored and logged,
 * never starting a second path. The outcome of a call that went on after its contact was cancelled is recorded (the
 * attempt settled) and goes nowhere.
 */
@Service
public class StrategyOutcomes {

    public static final String MESSAGE = "CallOutcome";
    private static final Logger log = LoggerFactory.getLogger(StrategyOutcomes.class);

    private final DialQueue queue;
    private final RuntimeService runtime;
    private final StrategyClock clock;
    private final CampaignContacts progress;

    StrategyOutcomes(DialQueue queue, RuntimeService runtime, StrategyClock clock, CampaignContacts progress) {
        this.queue = queue;
        this.runtime = runtime;
        this.clock = clock;
        this.progress = progress;
    }

    /**
     * @param completionCode an operator's or system code's key; null: the outcome's system code
     * @param callbackAt     the time agreed for a callback, or null
     */
    @Transactional
    public Result report(long attemptId, OutcomeCategory outcome, String completionCode, Instant callbackAt) {
        Optional<DialAttempt> settled = queue.settle(attemptId, outcome, completionCode, clock.now());
        if (settled.isEmpty()) {
            log.info("Outcome {} for attempt {} ignored: the attempt is settled already or unknown", outcome, attemptId);
            return Result.IGNORED;
        }
        if (progress.isFinished(settled.get().campaignId(), settled.get().contactId())) {
            // the contact was cancelled while this call went on: the call is recorded, nothing is revived
            log.info("Outcome {} for attempt {} recorded; the contact's processing in campaign {} had ended", outcome,
                    attemptId, settled.get().campaignId());
            return Result.IGNORED;
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(OUTCOME, outcome.name());
        // the dial request cleared both: a null would only write the variable again
        if (completionCode != null) {
            variables.put(COMPLETION_CODE, completionCode);
        }
        if (callbackAt != null) {
            variables.put(CALLBACK_AT, date(callbackAt));
        }
        try {
            runtime.createMessageCorrelation(MESSAGE)
                    .processInstanceBusinessKey(settled.get().businessKey())
                    .processInstanceVariableEquals(ATTEMPT_ID, attemptId)
                    .setVariables(variables)
                    .correlateWithResult();
        } catch (MismatchingMessageCorrelationException e) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            log.info("Outcome {} for attempt {} ignored: its process ({}) is not waiting for it", outcome, attemptId,
                    settled.get().businessKey());
            return Result.IGNORED;
        }
        return Result.CORRELATED;
    }

    public enum Result { CORRELATED, IGNORED }
}
