package org.dozvon.channels;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** HTTP headers written one per line as {@code Name: value}, the way templates and the gateway settings keep them. */
final class HeaderLines {

    private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Headers the HTTP client sets itself and refuses to take from us. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private HeaderLines() {
    }

    record Header(String name, String value) {
    }

    /** The headers of the text; blank lines are skipped. Call {@link #problem} first: bad lines are skipped too. */
    static List<Header> parse(String text) {
        List<Header> headers = new ArrayList<>();
        if (text == null) {
            return headers;
        }
        for (String line : text.split("\\R")) {
            int colon = line.indexOf(':');
            if (line.isBlank() || colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).strip();
            if (NAME.matcher(name).matches()) {
                headers.add(new Header(name, line.substring(colon + 1).strip()));
            }
        }
        return headers;
    }

    /** What is wrong with the text as header lines, in a sentence, or empty. */
    static Optional<String> problem(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon <= 0 ? "" : line.substring(0, colon).strip();
            if (!NAME.matcher(name).matches()) {
                return Optional.of("line " + (i + 1) + " is not 'Name: value'");
            }
            if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                return Optional.of("line " + (i + 1) + ": Dozvon sets the header " + name + " itself");
            }
        }
        return Optional.empty();
    }

    static Optional<String> value(List<Header> headers, String name) {
        return headers.stream().filter(header -> header.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }
}
