package org.dozvon.telephony;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;
import org.springframework.validation.annotation.Validated;

/**
 * How Dozvon reaches its PBX. With no AMI host, it runs against its own AMI simulator.
 *
 * @param amiHost           Asterisk host name or address; empty for the simulator
 * @param amiPort           AMI TCP port
 * @param amiUsername       AMI user (manager.conf)
 * @param amiPassword       AMI secret
 * @param dialString        how a customer's number becomes an Asterisk dial string; {@code {number}} is
 *                          replaced, e.g. {@code PJSIP/{number}@provider}, {@code SIP/provider/{number}},
 *                          {@code Local/{number}@outbound}
 * @param dialplanContext   the context answered calls enter (see {@code telephony/asterisk/extensions.conf})
 * @param keepAlive         how often the adapter pings Asterisk; three intervals without a byte from
 *                          Asterisk close the connection, which is then opened again
 * @param responseTimeout   how long an AMI action may wait for its response
 * @param simulator         the AMI simulator's behaviour (simulated mode only)
 */
@Validated
@ConfigurationProperties("dozvon.telephony")
public record TelephonyProperties(
        @Nullable String amiHost,
        @DefaultValue("5038") @Min(1) @Max(65535) int amiPort,
        @Nullable String amiUsername,
        @Nullable String amiPassword,
        @DefaultValue("PJSIP/{number}@provider") @NotBlank String dialString,
        @DefaultValue("dozvon-outbound") @NotBlank String dialplanContext,
        @DefaultValue("10s") @NotNull Duration keepAlive,
        @DefaultValue("5s") @NotNull Duration responseTimeout,
        @DefaultValue @Valid Simulator simulator) {

    /** The simulator's AMI user; it accepts nothing else. */
    public static final String SIMULATOR_USERNAME = "dozvon";
    public static final String SIMULATOR_SECRET = "simulator";

    public TelephonyMode mode() {
        return amiHost == null || amiHost.isBlank() ? TelephonyMode.SIMULATED : TelephonyMode.ASTERISK;
    }

    public boolean simulated() {
        return mode() == TelephonyMode.SIMULATED;
    }

    @AssertTrue(message = "dozvon.telephony.dial-string must contain {number}")
    public boolean isDialStringWithNumber() {
        return dialString == null || dialString.contains("{number}");
    }

    /** What the start-up log and the settings page say about telephony; never the secret. */
    public String describe() {
        return simulated()
                ? "SIMULATED (Dozvon's own AMI simulator; set DOZVON_AMI_HOST to use a real Asterisk)"
                : "ASTERISK at " + amiHost + ":" + amiPort + " as " + amiUsername;
    }

    /**
     * The AMI simulator: a TCP server speaking AMI like Asterisk 22, whose customers answer, are busy,
     * and so on at the given rates (relative weights), and whose operator phones always answer.
     *
     * @param port               TCP port; 0 picks a free one
     * @param seed               seed of the outcomes and durations, so that a run can be repeated
     * @param answer             weight of answered calls
     * @param busy               weight of busy lines
     * @param noAnswer           weight of calls nobody answers (they ring until the ring timeout)
     * @param rejected           weight of rejected calls (cause 21)
     * @param congestion         weight of network congestion
     * @param machine            weight of answering machines
     * @param ringTimeMin        shortest ring before a call is answered, busy, rejected...
     * @param ringTimeMax        longest such ring
     * @param talkTimeMin        shortest conversation
     * @param talkTimeMax        longest conversation
     * @param amdTime            how long answering-machine detection takes
     * @param operatorAnswerTime how long an operator's phone rings before it answers
     */
    public record Simulator(
            @DefaultValue("0") @Min(0) @Max(65535) int port,
            @DefaultValue("20240601") long seed,
            @DefaultValue("55") @Min(0) int answer,
            @DefaultValue("10") @Min(0) int busy,
            @DefaultValue("15") @Min(0) int noAnswer,
            @DefaultValue("4") @Min(0) int rejected,
            @DefaultValue("4") @Min(0) int congestion,
            @DefaultValue("12") @Min(0) int machine,
            @DefaultValue("2s") @NotNull Duration ringTimeMin,
            @DefaultValue("12s") @NotNull Duration ringTimeMax,
            @DefaultValue("20s") @NotNull Duration talkTimeMin,
            @DefaultValue("120s") @NotNull Duration talkTimeMax,
            @DefaultValue("2s") @NotNull Duration amdTime,
            @DefaultValue("1s") @NotNull Duration operatorAnswerTime) {

        @AssertTrue(message = "the simulator's outcome weights must not all be 0")
        public boolean isSomeOutcome() {
            return answer + busy + noAnswer + rejected + congestion + machine > 0;
        }

        @AssertTrue(message = "each simulator ...-min duration must not exceed its ...-max")
        public boolean isOrderedRanges() {
            return ringTimeMin == null || ringTimeMax == null || talkTimeMin == null || talkTimeMax == null
                    || ringTimeMin.compareTo(ringTimeMax) <= 0 && talkTimeMin.compareTo(talkTimeMax) <= 0;
        }

        /** Defaults, for code that builds a simulator without Spring. */
        public static Simulator defaults() {
            return new Simulator(0, 20240601L, 55, 10, 15, 4, 4, 12, Duration.ofSeconds(2), Duration.ofSeconds(12),
                    Duration.ofSeconds(20), Duration.ofSeconds(120), Duration.ofSeconds(2), Duration.ofSeconds(1));
        }
    }
}
