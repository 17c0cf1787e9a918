package org.dozvon.contacts.numbering;

import java.time.ZoneId;

/**
 * A row of the prefix table.
 *
 * @param code the leading digits of E.164 numbers, without '+' ({@code 7495}, {@code 375})
 * @param zone an IANA zone or a fixed offset
 */
record PhonePrefix(String code, String name, ZoneId zone) {
}
