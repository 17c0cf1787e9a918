package org.dozvon.channels;

import java.util.Map;

/**
 * One notification to send: which template, to whom, with which contact values.
 *
 * @param templateCode the code of a notification template of the channel called
 * @param recipient    the phone in E.164 ({@code +79123456789}) for SMS, the e-mail address for e-mail; for web
 *                     requests optional (the template's URL says where the request goes) and available to the
 *                     template as {@code @recipient}
 * @param attributes   the contact's values by field code (as the contacts module keeps them); a template's
 *                     {@code @code} is replaced by {@code String.valueOf} of the value, a missing or null value
 *                     by nothing
 * @param reference    what the message is about and which logical send it is; null means none
 * @param dryRun       render and record the message as SIMULATED, send nothing
 */
public record SendRequest(String templateCode, String recipient, Map<String, ?> attributes, MessageReference reference,
                          boolean dryRun) {

    public SendRequest {
        attributes = attributes == null ? Map.of() : attributes;
        reference = reference == null ? MessageReference.none() : reference;
    }
}
