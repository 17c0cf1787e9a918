/**
 * Webhooks: a CRM's subscriptions to Dozvon's events, written to an outbox in the transaction of the change they
 * report and posted, signed, by a worker that retries.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Webhooks")
package org.dozvon.webhooks;
