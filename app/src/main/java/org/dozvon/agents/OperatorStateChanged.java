package org.dozvon.agents;

/**
 * Something a supervisor sees of an operator's work changed: its state (logged in, ready, paused, previewing,
 * ringing, talking, wrapping up, logged out), the state it goes to after its call, the campaign it works for (the
 * dialer's routing, a supervisor's move) or the call it holds. Read the operator again through
 * {@link Operators#operator} or {@link Operators#all}: the event carries only its id.
 *
 * <p>Published after the change is committed (at once when the change ran outside a transaction), synchronously on
 * the thread that made it — often the dialer's. So listen with a plain {@code @EventListener} that returns quickly
 * (hand slow work to another thread), not with {@code @ApplicationModuleListener} or
 * {@code @TransactionalEventListener}: there is no transaction left to follow, and the event is far too frequent to
 * journal (several per call). Changes made by another Dozvon instance on the same database are not heard.
 */
public record OperatorStateChanged(long operatorId) {
}
