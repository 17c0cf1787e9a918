package org.dozvon.telephony.ami;

/**
 * How a customer's number becomes the {@code Channel} of an Originate: {@code {number}} in the template
 * is replaced by the number, e.g. {@code PJSIP/{number}@provider} or {@code SIP/provider/{number}}.
 */
record DialStringTemplate(String template) {

    DialStringTemplate {
        if (template == null || !template.contains("{number}") || !template.contains("/")) {
            throw new IllegalArgumentException(
                    "A dial-string template is TECH/... with {number} in it, e.g. PJSIP/{number}@provider: " + template);
        }
    }

    /** The dial string for a number; characters that would break the AMI header or the dial string are refused. */
    String dialString(String number) {
        String trimmed = number.trim();
        if (!trimmed.matches("[A-Za-z0-9+*#_.-]+")) {
            throw new IllegalArgumentException("Not a number to dial: '" + number + "'");
        }
        return template.replace("{number}", trimmed);
    }
}
