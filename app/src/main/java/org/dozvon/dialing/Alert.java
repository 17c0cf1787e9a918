package org.dozvon.dialing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Something the dialing guards noticed: raised by Dozvon, acknowledged by a person. Open means not acknowledged.
 *
 * @param id             its number
 * @param kind           what it is about; {@link AlertKind} lists each kind's parameters
 * @param campaignId     the campaign it is about, null for none (or a campaign deleted since)
 * @param node           the dialer node that raised it
 * @param raisedAt       when
 * @param parameters     what its message shows
 * @param resolvedAt     when the condition ended by itself (a PBX connection back), null while it lasts or for kinds
 *                       that only a person ends
 * @param acknowledgedBy who acknowledged it, null while open
 * @param acknowledgedAt when
 */
public record Alert(long id, AlertKind kind, Long campaignId, String node, Instant raisedAt, Map<String, Object> parameters,
                    Instant resolvedAt, String acknowledgedBy, Instant acknowledgedAt) {

    public Alert {
        parameters = Map.copyOf(parameters);
    }

    /** Not acknowledged yet. */
    public boolean open() {
        return acknowledgedAt == null;
    }

    /** A parameter as text, empty when absent. */
    public String text(String name) {
        Object value = parameters.get(name);
        return value == null ? "" : String.valueOf(value);
    }

    /** A numeric parameter, 0 when absent. */
    public double number(String name) {
        return parameters.get(name) instanceof Number number ? number.doubleValue() : 0;
    }

    /** The details of the calls behind an auto-stop, oldest first. */
    public List<String> details() {
        return parameters.get("details") instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    /** The arguments of its message ({@code alerts.message.<kind>}). */
    public Object[] messageArguments() {
        return switch (kind) {
            case AUTO_STOP -> new Object[] {text("campaignName"), (long) number("failures"), number("withinMillis") / 1000.0,
                    (long) number("limit"), (long) number("windowSeconds")};
            case CONNECTOR_DOWN -> new Object[] {node == null ? "" : node, text("pbx")};
            case OPERATOR_NOT_ANSWERING -> new Object[] {text("operatorName"), text("campaignName"),
                    (long) number("ringSeconds")};
            case IMPORT_FAILED -> new Object[] {(long) number("importId"), text("listName"), text("file"), text("message")};
        };
    }

    /** The bundle key of its message. */
    public String messageKey() {
        return "alerts.message." + kind.name();
    }
}
