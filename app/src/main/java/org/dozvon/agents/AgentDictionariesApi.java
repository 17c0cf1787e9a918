package org.dozvon.agents;

import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.ApiPage;
import org.dozvon.web.DictionaryEntry;
import org.dozvon.web.Problems;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/dictionaries/operator-states}: the states an operator can be in, named in the request's language. */
@RestController
class AgentDictionariesApi {

    private final Problems problems;

    AgentDictionariesApi(Problems problems) {
        this.problems = problems;
    }

    @GetMapping("/api/v1/dictionaries/operator-states")
    @RequiresPermission(Permission.OPERATORS_VIEW)
    ApiPage<DictionaryEntry> operatorStates() {
        return DictionaryEntry.of(OperatorState.values(), OperatorState::messageKey, problems);
    }
}
