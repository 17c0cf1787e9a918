package org.dozvon.campaigns;

import java.util.Arrays;
import java.util.List;

import org.dozvon.Violation;

/**
 * A change to a campaign that its state or settings do not allow (start without lists, pause a stopped
 * campaign, delete a running one), with every reason as a {@link Violation}: the field it is about
 * ({@code status} for the lifecycle itself) and a message key of the bundles.
 */
public class CampaignRefusedException extends RuntimeException {

    private final transient List<Violation> violations;

    public CampaignRefusedException(List<Violation> violations) {
        super("Campaign change refused: " + violations.stream()
                .map(v -> v.field() + ": " + v.messageKey() + Arrays.toString(v.arguments())).toList());
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
