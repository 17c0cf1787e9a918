package org.dozvon.telephony;

import java.util.regex.Pattern;

/**
 * What the PBX can dial as a phone of Dozvon's users (operators, supervisors): {@code technology/resource}, e.g.
 * {@code PJSIP/101}, {@code Local/200@supervisors}: letters and digits before the slash, letters, digits and
 * {@code _ . @ + -} after it (at most 80) — nothing that could end an AMI header or split a dialplan application's
 * arguments (no comma, no line break). Operators' phones and supervisors' phones follow this one rule.
 */
public final class Endpoints {

    private static final Pattern ENDPOINT = Pattern.compile("[A-Za-z][A-Za-z0-9]*/[A-Za-z0-9_.@+\\-]{1,80}");

    private Endpoints() {
    }

    /** Whether the text is an endpoint the PBX port accepts (stripped of surrounding blanks first by the caller). */
    public static boolean valid(String endpoint) {
        return endpoint != null && ENDPOINT.matcher(endpoint).matches();
    }
}
