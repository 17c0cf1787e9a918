package org.dozvon.dialing;

import java.time.Instant;
import java.util.Map;

/**
 * A contact's settled attempts in a campaign.
 *
 * @param onContact      all of them
 * @param onPhone        on the phone asked about
 * @param today          on the contact's current local day
 * @param withCode       ending with the completion code asked about
 * @param byPhoneType    per phone field code
 * @param firstAttemptAt when the first one was settled; null when there was none
 */
public record AttemptCounts(int onContact, int onPhone, int today, int withCode, Map<String, Integer> byPhoneType,
                            Instant firstAttemptAt) {

    public int onPhoneType(String type) {
        return byPhoneType.getOrDefault(type, 0);
    }
}
