package org.dozvon.telephony.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.lang.Nullable;

/** One AMI message: header lines in order, a header name possibly repeated (Variable). */
final class AmiMessage {

    private final List<String[]> headers = new ArrayList<>();

    AmiMessage add(String name, @Nullable Object value) {
        headers.add(new String[] {name, value == null ? "" : String.valueOf(value)});
        return this;
    }

    AmiMessage add(List<String[]> more) {
        more.forEach(header -> add(header[0], header[1]));
        return this;
    }

    /** The first value of a header, case-insensitively, or null. */
    @Nullable
    String get(String name) {
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase(name)) {
                return header[1];
            }
        }
        return null;
    }

    String get(String name, String otherwise) {
        String value = get(name);
        return value == null ? otherwise : value;
    }

    List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase(name)) {
                values.add(header[1]);
            }
        }
        return values;
    }

    String action() {
        return get("Action", "").toLowerCase(Locale.ROOT);
    }

    /** The message as AMI sends it: "Name: value" lines and an empty line. */
    String format() {
        StringBuilder text = new StringBuilder();
        for (String[] header : headers) {
            text.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        return text.append("\r\n").toString();
    }

    /** Reads the next message; null at the end of the stream. Lines without a colon are ignored. */
    @Nullable
    static AmiMessage read(BufferedReader reader) throws IOException {
        AmiMessage message = new AmiMessage();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (!message.headers.isEmpty()) {
                    return message;
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                message.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return message.headers.isEmpty() ? null : message;
    }

    @Override
    public String toString() {
        return format();
    }
}
