package org.dozvon.telephony;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.springframework.lang.Nullable;

/**
 * One call to place.
 *
 * @param callId        the id Dozvon chose; every event of the call carries it
 * @param number        the customer's number, put into the dial-string template ({@code {number}})
 * @param callerId      the caller ID shown to the customer (number, or {@code "Name" <number>}); null: the trunk's
 * @param ringTimeout   how long it may ring before it counts as not answered
 * @param route         where the answered call goes
 * @param detectMachine whether the dialplan runs answering-machine detection first
 * @param variables     further channel variables (the contract names {@code DOZVON_CONTACT_ID},
 *                      {@code DOZVON_CAMPAIGN_ID}); names are letters, digits and '_'
 */
public record OriginateRequest(
        CallId callId,
        String number,
        @Nullable String callerId,
        Duration ringTimeout,
        CallRoute route,
        boolean detectMachine,
        Map<String, String> variables) {

    public OriginateRequest {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        Objects.requireNonNull(route, "route");
        if (number.isBlank()) {
            throw new IllegalArgumentException("No number to dial for call " + callId);
        }
        if (ringTimeout.isNegative() || ringTimeout.isZero()) {
            throw new IllegalArgumentException("The ring timeout must be positive: " + ringTimeout);
        }
        variables = Map.copyOf(variables == null ? Map.of() : variables);
        variables.keySet().forEach(name -> {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("Not a channel variable name: " + name);
            }
        });
    }
}
