package org.dozvon.contacts;

import java.util.List;
import java.util.Map;

/**
 * A contact's values after checking against its list: typed attributes (by field code), the client
 * id, the phones to dial in priority order, its e-mail addresses (lower case), and every problem found. A contact with problems is not
 * written; the problems say which field, which value and why.
 *
 * @param attributesJson the attributes as they are stored (JSON), made while checking so that an import
 *                       does it on its checking thread; null for a contact with problems
 * @param searchJson     the values of its text, e-mail and time-zone fields (JSON), what searches and
 *                       filters match exactly over an index ({@code contact.search_values}); null with problems
 */
public record CheckedContact(Map<String, Object> attributes, String clientId, List<Phone> phones,
                             List<String> emails, List<Problem> problems, String attributesJson, String searchJson) {

    public boolean valid() {
        return problems.isEmpty();
    }

    /**
     * @param timeZone   the zone calls to this phone follow, null when nothing tells it (the campaign's default applies)
     * @param zoneSource where the zone comes from, null with it
     */
    public record Phone(String fieldCode, String e164, int priority, String timeZone, ZoneSource zoneSource) {
    }

    public record Problem(String fieldCode, String value, String reason) {

        /** "column 'phone': '8-800' is too short" style, for journals and API answers. */
        public String describe() {
            if (fieldCode == null) {
                return reason;
            }
            return "field '" + fieldCode + "'" + (value == null || value.isEmpty() ? "" : ": '" + abbreviate(value) + "'")
                    + " " + reason;
        }

        private static String abbreviate(String value) {
            return value.length() <= 80 ? value : value.substring(0, 77) + "...";
        }
    }
}
