/**
 * Channels: SMS, e-mail and web requests, and their templates.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Channels")
package org.dozvon.channels;
