package org.dozvon.campaigns;

import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.ApiPage;
import org.dozvon.web.DictionaryEntry;
import org.dozvon.web.Problems;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/dictionaries/...} of campaigns: outcome categories, dialing modes, campaign statuses, completion-code
 * resolutions and kinds, callback types and statuses, each {@code {code, name}} in the request's language.
 */
@RestController
@RequestMapping("/api/v1/dictionaries")
@RequiresPermission(Permission.CAMPAIGNS_VIEW)
class CampaignDictionariesApi {

    private final Problems problems;

    CampaignDictionariesApi(Problems problems) {
        this.problems = problems;
    }

    /** What became of a call attempt: the categories of call attempts' {@code outcome} and of completion codes. */
    @GetMapping("/outcome-categories")
    ApiPage<DictionaryEntry> outcomeCategories() {
        return DictionaryEntry.of(OutcomeCategory.values(), OutcomeCategory::messageKey, problems);
    }

    @GetMapping("/dialing-modes")
    ApiPage<DictionaryEntry> dialingModes() {
        return DictionaryEntry.of(DialingMode.values(), mode -> "dialingMode." + mode.name(), problems);
    }

    @GetMapping("/campaign-statuses")
    ApiPage<DictionaryEntry> campaignStatuses() {
        return DictionaryEntry.of(CampaignStatus.values(), status -> "campaigns.status." + status.name(), problems);
    }

    /** What a completion code does to the contact (call again, or finish it). */
    @GetMapping("/code-resolutions")
    ApiPage<DictionaryEntry> codeResolutions() {
        return DictionaryEntry.of(CodeResolution.values(), CodeResolution::messageKey, problems);
    }

    @GetMapping("/code-kinds")
    ApiPage<DictionaryEntry> codeKinds() {
        return DictionaryEntry.of(CodeKind.values(), kind -> "codes.kind." + kind.name(), problems);
    }

    @GetMapping("/callback-types")
    ApiPage<DictionaryEntry> callbackTypes() {
        return DictionaryEntry.of(CallbackType.values(), type -> "callbacks.type." + type.name(), problems);
    }

    @GetMapping("/callback-statuses")
    ApiPage<DictionaryEntry> callbackStatuses() {
        return DictionaryEntry.of(CallbackStatus.values(), status -> "callbacks.status." + status.name(), problems);
    }
}
