package org.dozvon.access;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The audit journal's upkeep and its forwarding to a security system.
 *
 * @param monthsAhead     partitions made ahead: the current month and this many after it
 * @param retentionMonths months of journal kept (whole months before the current one); 0 keeps it forever
 * @param exportLimit     at most this many rows in one CSV or XLSX export of the journal
 * @param syslog          forwarding of every recorded event as syslog (RFC 5424), off by default
 */
@Validated
@ConfigurationProperties("dozvon.access.audit")
public record AuditProperties(
        @DefaultValue("3") @Min(1) @Max(24) int monthsAhead,
        @DefaultValue("24") @Min(0) int retentionMonths,
        @DefaultValue("100000") @Min(1) @Max(1000000) int exportLimit,
        @Valid @DefaultValue Syslog syslog) {

    /**
     * @param enabled   forward or not
     * @param host      the receiver (a SIEM's syslog collector)
     * @param port      its port
     * @param protocol  TCP (octet-counting framing, RFC 6587) or UDP (one datagram per event)
     * @param appName   APP-NAME of each message
     * @param facility  syslog facility number (13: log audit, 10: security/authorization)
     * @param queueSize events waiting to be sent at most; more are dropped, counted and logged
     */
    public record Syslog(@DefaultValue("false") boolean enabled,
                         @DefaultValue("localhost") @NotBlank String host,
                         @DefaultValue("514") @Min(1) @Max(65535) int port,
                         @DefaultValue("TCP") @NotNull Protocol protocol,
                         @DefaultValue("dozvon") @NotBlank String appName,
                         @DefaultValue("13") @Min(0) @Max(23) int facility,
                         @DefaultValue("10000") @Min(1) int queueSize) {
    }

    /** How syslog messages travel. */
    public enum Protocol { TCP, UDP }
}
