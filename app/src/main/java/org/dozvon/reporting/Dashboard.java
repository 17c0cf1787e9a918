package org.dozvon.reporting;

/**
 * A user's dashboard.
 *
 * @param owner  the user name of the one user who sees it
 * @param onHome the dashboard that opens first ("show on the main screen")
 */
record Dashboard(long id, String owner, String name, String description, boolean onHome, int position) {
}
