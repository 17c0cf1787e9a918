package org.dozvon.campaigns;

import java.util.List;
import java.util.Optional;

/**
 * The operator skills a campaign may require, as the module that keeps operators knows them (implemented by
 * {@code agents}: campaigns cannot depend on it, as operators are assigned to campaigns).
 */
public interface SkillCatalogue {

    /** Every skill, by name. */
    List<SkillChoice> skills();

    Optional<SkillChoice> skill(long id);

    /** A skill as a campaign form offers it. */
    record SkillChoice(long id, String name) {
    }
}
