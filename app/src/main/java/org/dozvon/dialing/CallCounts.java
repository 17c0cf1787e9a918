package org.dozvon.dialing;

import java.util.EnumMap;
import java.util.Map;

import org.dozvon.campaigns.OutcomeCategory;

/**
 * Ended call attempts of a period counted by outcome category, and how many of them had a person waiting for an
 * operator (the abandon rate's denominator).
 *
 * @param byOutcome     every category, zero when none ended so
 * @param personsWaited attempts in which a person answered and waited for an operator (progressive and
 *                      predictive calls a person answered, abandoned ones included)
 */
public record CallCounts(Map<OutcomeCategory, Long> byOutcome, long personsWaited) {

    public CallCounts {
        EnumMap<OutcomeCategory, Long> all = new EnumMap<>(OutcomeCategory.class);
        for (OutcomeCategory category : OutcomeCategory.values()) {
            all.put(category, byOutcome.getOrDefault(category, 0L));
        }
        byOutcome = java.util.Collections.unmodifiableMap(all);
    }

    /** Nothing ended. */
    public static CallCounts none() {
        return new CallCounts(Map.of(), 0);
    }

    public long count(OutcomeCategory category) {
        return byOutcome.get(category);
    }

    public long total() {
        return byOutcome.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Persons left without an operator per person who waited for one, as a share (0.03 is 3 %): the pacer's own
     * definition of the abandon rate. Null when nobody waited.
     */
    public Double abandonRate() {
        return personsWaited == 0 ? null : (double) count(OutcomeCategory.ABANDONED) / personsWaited;
    }
}
