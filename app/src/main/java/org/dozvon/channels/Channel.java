package org.dozvon.channels;

/** How a notification reaches a contact; a notification template is written for exactly one. */
public enum Channel {
    /** A text message through the configured HTTP SMS gateway. */
    SMS,
    /** An e-mail through the configured SMTP server. */
    EMAIL,
    /** An HTTP request to an address of the template (a CRM, a messenger bot, another gateway). */
    WEB
}
