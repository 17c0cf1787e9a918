package org.dozvon.dialing;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the dialer.
 *
 * @param enabled           whether this instance dials at all (an instance that only serves the portal may not)
 * @param node              this instance's name among dialers sharing a database; its open calls are reconciled
 *                          under this name after a restart. Empty: the host name. Two instances on one host need
 *                          names of their own
 * @param tick              how often the dialer looks for due requests and free lines
 * @param ringTimeout       how long a customer's phone may ring before the call counts as not answered
 * @param detectMachine     whether answered calls go through answering-machine detection first
 * @param reconcileInterval how often calls this node lost track of (after a restart) are looked up on the PBX, and
 *                          how often a node tells the others it is alive; a node silent for three intervals is
 *                          taken to be dead and its open calls are reconciled by another
 * @param pbxTimeout        how long a question to the PBX (its live calls) may take
 * @param operatorWait      how long an answered person waits for an operator (progressive, predictive) before the
 *                          greeting plays and the call ends as abandoned: the abandon rate's "no operator within 2 s"
 * @param autoStop          when a campaign whose calls keep failing is paused (see {@link AutoStop})
 * @param unansweredRing    how long an operator's phone may ring for a customer's call, unanswered, before the call
 *                          ends: that long or longer raises an "operator not answering" alert
 */
@Validated
@ConfigurationProperties("dozvon.dialing")
public record DialingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("") String node,
        @DefaultValue("1s") @NotNull Duration tick,
        @DefaultValue("30s") @NotNull Duration ringTimeout,
        @DefaultValue("true") boolean detectMachine,
        @DefaultValue("5s") @NotNull Duration reconcileInterval,
        @DefaultValue("5s") @NotNull Duration pbxTimeout,
        @DefaultValue("2s") @NotNull Duration operatorWait,
        @DefaultValue @NotNull @Valid AutoStop autoStop,
        @DefaultValue("20s") @NotNull Duration unansweredRing) {

    /**
     * Auto-stop: a running campaign whose last {@code failures} calls all ended FAILED (a technical failure:
     * congestion, a number not in service, the PBX refused or lost the call), the first of them at most
     * {@code window} before the last, is paused and raises an alert that a supervisor must acknowledge before it
     * runs again. Busy, unanswered, rejected and answered calls are not failures: any other outcome ends the run.
     *
     * @param failures how many failed calls in a row pause the campaign
     * @param window   within how long
     */
    public record AutoStop(
            @DefaultValue("5") @Min(1) @Max(1000) int failures,
            @DefaultValue("30s") @NotNull Duration window) {
    }
}
