package org.dozvon.telephony;

import java.util.regex.Pattern;

/**
 * The id Dozvon chooses for one call before dialling it. The PBX uses it as the customer channel's
 * unique id ({@code ChannelId} of the originate) and as the linked id of every channel of the call,
 * operator legs included, so that all events of the call can be told apart from other traffic.
 *
 * @param value letters, digits, '.', '_' and '-', at most 64 characters (Asterisk appends ";2" to the
 *              second half of a Local channel, so ';' is not allowed)
 */
public record CallId(String value) {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public CallId {
        if (value == null || !ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException("A call id is 1 to 64 letters, digits, '.', '_' or '-': " + value);
        }
    }

    public static CallId of(String value) {
        return new CallId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
