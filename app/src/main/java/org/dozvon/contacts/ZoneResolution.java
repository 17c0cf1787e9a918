package org.dozvon.contacts;

import java.time.ZoneId;

/**
 * The time zone a phone gets and why.
 *
 * @param zone   the zone; {@code null} only when nothing matched and no campaign default was given
 * @param source the step of the chain that decided
 * @param detail for people: which range, prefix or field decided (for example
 *               {@code "DEF 912, 3450000–3459999, ПАО «МегаФон», Свердловская обл."} or
 *               {@code "prefix 7495 Москва"}), and an explicit value that was ignored, if any
 */
public record ZoneResolution(ZoneId zone, ZoneSource source, String detail) {
}
