package org.dozvon.web;

import org.dozvon.access.Permission;

/**
 * Something a module wants its users to notice on every page — the dialing module's unacknowledged alerts. The
 * layout shows a banner for each source with something to report, to users holding its {@link #audience()}, linking
 * to its {@link #path()}. {@link #count()} runs once per full page a user of the audience opens: it must be cheap
 * (one indexed count).
 *
 * <p>When the count changes, the module publishes {@link #refreshHtml()} as {@link #LIVE_EVENT} through
 * {@link LiveUpdates}: open pages then fetch their banner again ({@code GET /attention}), each in its user's language.
 */
public interface AttentionSource {

    /** The SSE event the layout's banner listens to. */
    String LIVE_EVENT = "attention";

    /** Who sees the banner (and may open {@link #path()}). */
    Permission audience();

    /** How many things want attention now; 0 shows nothing. */
    long count();

    /** The page that deals with them. */
    String path();

    /** The banner's text in the message bundles; {@code {0}} is the count. */
    String messageKey();

    /** What to publish as {@link #LIVE_EVENT}: makes an open page load its banner again. */
    static String refreshHtml() {
        return "<div hidden hx-get=\"/attention\" hx-trigger=\"load\" hx-target=\"#dz-attention\" hx-swap=\"innerHTML\"></div>";
    }
}
