package org.dozvon.campaigns;

import java.util.List;

/**
 * A named set of operator completion codes; a campaign refers to one group by its id, and its
 * operators choose among the group's active codes.
 *
 * @param codes the members in their order, inactive ones included
 */
public record CodeGroup(long id, String name, String description, List<CompletionCode> codes) {

    /** The codes an operator may choose at wrap-up: the active members, in order. */
    public List<CompletionCode> offered() {
        return codes.stream().filter(CompletionCode::active).toList();
    }
}
