package org.dozvon.telephony;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;
import org.springframework.validation.annotation.Validated;

/**
 * How Dozvon reaches its PBX. With no AMI host, it runs against its own AMI simulator.
 *
 * @param amiHost     Asterisk host name or address; empty for the simulator
 * @param amiPort     AMI TCP port
 * @param amiUsername AMI user (manager.conf)
 * @param amiPassword AMI secret
 */
@Validated
@ConfigurationProperties("dozvon.telephony")
public record TelephonyProperties(
        @Nullable String amiHost,
        @DefaultValue("5038") @Min(1) @Max(65535) int amiPort,
        @Nullable String amiUsername,
        @Nullable String amiPassword) {

    public TelephonyMode mode() {
        return amiHost == null || amiHost.isBlank() ? TelephonyMode.SIMULATED : TelephonyMode.ASTERISK;
    }

    public boolean simulated() {
        return mode() == TelephonyMode.SIMULATED;
    }

    /** What the start-up log and the settings page say about telephony; never the secret. */
    public String describe() {
        return simulated()
                ? "SIMULATED (Dozvon's own AMI simulator; set DOZVON_AMI_HOST to use a real Asterisk)"
                : "ASTERISK at " + amiHost + ":" + amiPort + " as " + amiUsername;
    }
}
