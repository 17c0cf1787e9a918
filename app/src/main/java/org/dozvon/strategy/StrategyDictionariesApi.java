package org.dozvon.strategy;

import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.ApiPage;
import org.dozvon.web.DictionaryEntry;
import org.dozvon.web.Problems;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/dictionaries/final-statuses} and {@code /contact-statuses}: how a contact's processing in a campaign
 * ended, and where a contact stands in a campaign, each {@code {code, name}} in the request's language.
 */
@RestController
@RequestMapping("/api/v1/dictionaries")
@RequiresPermission(Permission.CAMPAIGNS_VIEW)
class StrategyDictionariesApi {

    private final Problems problems;

    StrategyDictionariesApi(Problems problems) {
        this.problems = problems;
    }

    @GetMapping("/final-statuses")
    ApiPage<DictionaryEntry> finalStatuses() {
        return DictionaryEntry.of(FinalStatus.values(), FinalStatus::messageKey, problems);
    }

    @GetMapping("/contact-statuses")
    ApiPage<DictionaryEntry> contactStatuses() {
        return DictionaryEntry.of(ContactStatus.values(), status -> "dictionary.contactStatus." + status.name(), problems);
    }
}
