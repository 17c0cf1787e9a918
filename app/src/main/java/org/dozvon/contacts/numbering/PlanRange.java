package org.dozvon.contacts.numbering;

import java.time.ZoneId;

/**
 * One range of a plan file: national numbers {@code code + from .. code + to} (ten digits), that is
 * {@code +7 code from .. +7 code to} in E.164.
 *
 * @param line the file's line, for the journal
 * @param zone null when the region mapping does not know the region
 */
record PlanRange(int line, int code, int from, int to, int capacity, String operator, String region, String inn,
                 ZoneId zone) {

    static final long CODE_FACTOR = 10_000_000L;

    long firstNumber() {
        return code * CODE_FACTOR + from;
    }

    long lastNumber() {
        return code * CODE_FACTOR + to;
    }

    /** ABC codes are geographic (3xx, 4xx, 8xx), DEF codes (9xx) mobile. */
    static String codeType(int code) {
        return code >= 900 ? "DEF" : "ABC";
    }
}
