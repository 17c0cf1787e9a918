package org.dozvon.campaigns;

import java.util.List;

/**
 * A named set of caller IDs (manual section 13); a campaign names one group and each of its calls shows a
 * random number of it.
 */
public record CallerIdGroup(long id, String name, String description, List<CallerId> numbers) {
}
