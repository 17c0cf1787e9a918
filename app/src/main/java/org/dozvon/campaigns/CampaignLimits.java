package org.dozvon.campaigns;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What a campaign's strategy must not exceed for any contact. Every limit is optional: null (or absent
 * from the map) means none.
 *
 * @param maxAttemptsPerContact     attempts per contact over the whole campaign
 * @param maxAttemptsPerPhoneType   attempts per phone of a type; the type is the phone field's code ({@code mobile})
 * @param maxAttemptsPerDay         attempts per contact per day, the day in the zone calls are timed in
 * @param maxSinceFirstAttempt      no attempt later than this after the contact's first attempt
 * @param maxSinceCreation          no attempt later than this after the contact was created (loaded)
 * @param stopsAt                   no attempt after this instant (the campaign's stop date)
 * @param callbackPeriod            a callback may be set at most this far ahead
 */
public record CampaignLimits(Integer maxAttemptsPerContact, Map<String, Integer> maxAttemptsPerPhoneType,
                             Integer maxAttemptsPerDay, Duration maxSinceFirstAttempt, Duration maxSinceCreation,
                             Instant stopsAt, Duration callbackPeriod) {

    public CampaignLimits {
        maxAttemptsPerPhoneType = maxAttemptsPerPhoneType == null ? Map.of() : Map.copyOf(maxAttemptsPerPhoneType);
    }

    /** The attempts allowed to a phone of this type (phone field code), empty when unlimited. */
    public OptionalInt maxAttemptsForPhoneType(String phoneFieldCode) {
        Integer max = maxAttemptsPerPhoneType.get(phoneFieldCode);
        return max == null ? OptionalInt.empty() : OptionalInt.of(max);
    }
}
