package org.dozvon.dialing;

/**
 * An IVR number (manual 18.3): a dialplan location an operator can transfer a customer to.
 *
 * @param code      what the workplace and the API name it by (letters, digits, '_' and '-')
 * @param context   the Asterisk dialplan context the customer is redirected to
 * @param extension the extension (or number) in that context; priority 1
 */
public record IvrNumber(long id, String code, String name, String context, String extension, String description) {
}
