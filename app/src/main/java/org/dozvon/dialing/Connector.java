package org.dozvon.dialing;

/**
 * A route to the PBX the dialer places calls through (manual 4.1, "Connectors").
 *
 * @param position its place in the selection order (lower first)
 * @param capacity how many calls it carries at once
 * @param trunk    passed to the dialplan as {@code DOZVON_CONNECTOR} (a dial string such as
 *                 {@code Local/{number}@dozvon-customers} picks the trunk by it); null: the dial string decides
 * @param active   an inactive connector carries no new calls
 */
public record Connector(long id, String name, int position, int capacity, String trunk, boolean active) {
}
