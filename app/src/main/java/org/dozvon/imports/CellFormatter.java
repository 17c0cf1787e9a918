package org.dozvon.imports;

import java.util.Locale;

import org.apache.poi.ss.usermodel.DataFormatter;

/**
 * Formats numeric cells as Excel shows them, with one exception: a whole number in the "General" format
 * keeps all its digits. Excel (and POI's formatter after it) switches to scientific notation beyond 11
 * characters, so a phone number typed as a number, 380501234567, would come out as 3.80501E+11 and be lost.
 * The root locale keeps the result independent of the server's language.
 */
final class CellFormatter extends DataFormatter {

    private static final double LARGEST_EXACT_WHOLE_NUMBER = 1e15;

    CellFormatter() {
        super(Locale.ROOT);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString,
            boolean use1904Windowing) {
        if (isGeneral(formatIndex, formatString) && value == Math.rint(value)
                && Math.abs(value) < LARGEST_EXACT_WHOLE_NUMBER) {
            return Long.toString((long) value);
        }
        return super.formatRawCellContents(value, formatIndex, formatString, use1904Windowing);
    }

    private static boolean isGeneral(int formatIndex, String formatString) {
        return formatIndex == 0 || formatString == null || "General".equalsIgnoreCase(formatString);
    }
}
