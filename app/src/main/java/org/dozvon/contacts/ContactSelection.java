package org.dozvon.contacts;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * The rules that pick a campaign's contacts: which lists and in what order, a filter on their fields,
 * a share of the list, the order of contacts, and the DNC lists that keep contacts out.
 *
 * @param listIds    the contact lists, in their processing order
 * @param listOrder  {@link ListOrder#IN_ORDER}: every contact of the first list before any of the second;
 *                   {@link ListOrder#ANY_ORDER}: the lists as one
 * @param filter     conditions on field values; {@link ContactFilter#NONE} (or null) for every contact
 * @param percent    1–100: the share of the (filtered) contacts taken. A contact is in the share when a hash
 *                   of its id modulo 100 is below the percentage, so the same contacts are taken every time
 *                   and the share is close to, not exactly, the percentage of a small list
 * @param ordering   which contacts come first
 * @param dncListIds contacts with a phone number or e-mail address in one of these DNC lists are left out;
 *                   empty: no DNC list is honoured
 * @param zone       the zone whose current date {@code today} in date conditions means
 */
public record ContactSelection(List<Long> listIds, ListOrder listOrder, ContactFilter filter, int percent,
                               Ordering ordering, Set<Long> dncListIds, ZoneId zone) {

    public ContactSelection {
        listIds = listIds == null ? List.of() : List.copyOf(listIds);
        listOrder = listOrder == null ? ListOrder.IN_ORDER : listOrder;
        filter = filter == null ? ContactFilter.NONE : filter;
        ordering = ordering == null ? Ordering.OLDEST_FIRST : ordering;
        dncListIds = dncListIds == null ? Set.of() : Set.copyOf(dncListIds);
        zone = zone == null ? ZoneId.of("UTC") : zone;
    }

    /** Every contact of the lists, oldest first, no DNC list honoured. */
    public static ContactSelection of(List<Long> listIds) {
        return new ContactSelection(listIds, ListOrder.IN_ORDER, ContactFilter.NONE, 100, Ordering.OLDEST_FIRST, Set.of(), null);
    }

    /** How a campaign works through several contact lists. */
    public enum ListOrder { IN_ORDER, ANY_ORDER }

    /**
     * @param fieldCode  the field whose value orders the contacts (a priority, a due date); null for the
     *                   order in which contacts were created (their ids). Contacts without a value come last.
     * @param descending highest (or newest) first
     */
    public record Ordering(String fieldCode, boolean descending) {

        public static final Ordering OLDEST_FIRST = new Ordering(null, false);

        public boolean byCreation() {
            return fieldCode == null;
        }
    }

    /**
     * Where a page of eligible contacts ended; pass it back for the next page. {@link #encode()} and
     * {@link #decode(String)} turn it into text for whoever wants to keep it.
     *
     * @param listPosition the position of the list being worked through (IN_ORDER), 0 otherwise
     * @param contactId    the last contact of the page
     * @param sortKey      that contact's value of the ordering field as text, null when it has none (or
     *                     ordering is by creation)
     */
    public record Cursor(int listPosition, long contactId, String sortKey) {

        public String encode() {
            return listPosition + "|" + contactId + (sortKey == null ? "" : "|" + sortKey);
        }

        /** @throws IllegalArgumentException when the text is not an encoded cursor */
        public static Cursor decode(String text) {
            String[] parts = text.split("\\|", 3);
            try {
                return new Cursor(Integer.parseInt(parts[0]), Long.parseLong(parts[1]), parts.length > 2 ? parts[2] : null);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + text + "' is not a selection cursor", e);
            }
        }
    }

    /**
     * @param contactIds the eligible contacts of this page, in selection order
     * @param next       where the next page starts; null when this was the last
     */
    public record Page(List<Long> contactIds, Cursor next) {
    }
}
