package org.dozvon.reporting;

import java.util.EnumMap;
import java.util.Map;

import org.dozvon.campaigns.OutcomeCategory;

/** One colour per outcome category, the same in every chart (and its legend). */
final class OutcomeColours {

    private static final Map<OutcomeCategory, String> COLOURS = new EnumMap<>(Map.of(
            OutcomeCategory.ANSWERED, "#198754",
            OutcomeCategory.NO_ANSWER, "#adb5bd",
            OutcomeCategory.BUSY, "#fd7e14",
            OutcomeCategory.REJECTED, "#6f42c1",
            OutcomeCategory.ABANDONED, "#dc3545",
            OutcomeCategory.MACHINE, "#0dcaf0",
            OutcomeCategory.FAILED, "#495057"));

    private OutcomeColours() {
    }

    static String of(OutcomeCategory category) {
        return COLOURS.get(category);
    }
}
