package org.dozvon.strategy;

import java.time.Instant;

import org.dozvon.campaigns.OutcomeCategory;
import org.dozvon.dialing.AttemptOutcomes;

import org.springframework.stereotype.Component;

/** The dialer's outcomes enter the strategies through {@link StrategyOutcomes#report}. */
@Component
class DialingOutcomes implements AttemptOutcomes {

    private final StrategyOutcomes outcomes;

    DialingOutcomes(StrategyOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public boolean report(long attemptId, OutcomeCategory outcome, String completionCode, Instant callbackAt) {
        return outcomes.report(attemptId, outcome, completionCode, callbackAt) == StrategyOutcomes.Result.CORRELATED;
    }
}
