package org.dozvon.web;

import org.dozvon.access.Permission;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one way a module pushes a change to open pages: an HTML fragment sent as a Server-Sent Event
 * over the page's single {@code /live} connection; the page swaps it in with htmx's
 * {@code sse-swap="<event>"}. Sending never blocks the caller on a slow browser for long, and a
 * fragment reaches only the users entitled to see it.
 */
public interface LiveUpdates {

    /** Sends the fragment to every open page of every user holding {@code audience}. */
    void publish(String event, String html, Permission audience);

    /** Sends the fragment to every open page of one user, e.g. an operator's workplace. */
    void publishToUser(String username, String event, String html);

    /**
     * Sends the fragment to the open pages that watch {@code topic} (they connected with {@code /live?watch=<topic>},
     * which a page asks for by putting {@code liveWatch} in its model), of users holding {@code audience}.
     */
    void publishToWatchers(String topic, String event, String html, Permission audience);

    /** How many open pages watch {@code topic} now: a publisher with nobody watching may skip its work. */
    int watching(String topic);

    /** How many pages are connected now. */
    int connections();

    /**
     * Runs {@code publish} once the surrounding transaction has committed (pages must read the change they are told
     * of), or at once outside a transaction; nothing when the transaction rolls back.
     */
    static void afterCommit(Runnable publish) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    publish.run();
                }
            });
        } else {
            publish.run();
        }
    }
}
