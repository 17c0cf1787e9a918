package org.dozvon.reporting;

/**
 * A chart on a dashboard.
 *
 * @param title its own title; null: the kind's name in the reader's language
 * @param width Bootstrap grid columns on a large screen: 4, 6, 8 or 12
 */
record Widget(long id, long dashboardId, WidgetKind kind, String title, WidgetSettings settings, int position,
              int width) {
}
