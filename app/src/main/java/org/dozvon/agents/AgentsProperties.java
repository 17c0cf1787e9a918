package org.dozvon.agents;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the operators module.
 *
 * @param bots        simulated operators ("Bot 01"…) started with the AMI simulator: they log in, go Ready, take
 *                    calls and wrap up with a random code of the campaign's group, so a demo runs with nobody at
 *                    the keyboard. Ignored (with a warning) against a real Asterisk
 * @param botPreview  how long a bot looks at a preview card before it dials, at most (uniform from a fifth of it)
 * @param botWrapUp   how long a bot takes to wrap up, at most (uniform from a fifth of it; never beyond half the
 *                    wrap-up time, so the deadline never beats it)
 * @param sweep       how often overdue wrap-ups are ended and the bots act
 * @param callbackWindow how long a callback an operator sets at wrap-up stays open from its time: the window in which
 *                       it is called back (a personal one waits that long for its operator, then ordinary calling
 *                       takes over)
 * @param pauseReasons the reasons an operator picks when it pauses (message key {@code pauseReason.<reason>}
 *                     when the bundles have one, else shown as written)
 */
@Validated
@ConfigurationProperties("dozvon.agents")
public record AgentsProperties(
        @DefaultValue("0") @Min(0) @Max(500) int bots,
        @DefaultValue("3s") @NotNull Duration botPreview,
        @DefaultValue("5s") @NotNull Duration botWrapUp,
        @DefaultValue("1s") @NotNull Duration sweep,
        @DefaultValue("1h") @NotNull Duration callbackWindow,
        @DefaultValue({"BREAK", "LUNCH", "TRAINING", "MEETING"}) java.util.List<String> pauseReasons) {
}
