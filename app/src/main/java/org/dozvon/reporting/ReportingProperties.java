package org.dozvon.reporting;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the reporting module.
 *
 * @param timeZone     the zone (an IANA name such as {@code Europe/Moscow}) whose hours and days the dashboards count
 *                     calls in; empty: the server's zone
 * @param liveInterval open dashboards are told to redraw at most this often while calls end
 */
@Validated
@ConfigurationProperties("dozvon.reporting")
public record ReportingProperties(@DefaultValue("") String timeZone,
                                  @DefaultValue("3s") @NotNull Duration liveInterval) {

    public ReportingProperties {
        if (timeZone != null && !timeZone.isBlank()) {
            try {
                ZoneId.of(timeZone.strip());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("dozvon.reporting.time-zone: '" + timeZone
                        + "' is not a time zone (an IANA name such as Europe/Moscow, or empty for the server's zone)", e);
            }
        }
    }

    /** The zone to count in. */
    public ZoneId zone() {
        return timeZone == null || timeZone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(timeZone.strip());
    }
}
