package org.dozvon.database;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Which PostgreSQL this Dozvon uses, safe to show and log: the URL never carries a password.
 *
 * @param embedded whether Dozvon runs the server itself
 * @param url      JDBC URL with any password parameter masked
 * @param dataDir  the embedded server's folder, {@code null} for an external server
 */
public record DatabaseInfo(boolean embedded, String url, Path dataDir) {

    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)((?:password|pwd|sslpassword)=)[^&;]*");

    public DatabaseInfo {
        url = url == null ? null : SECRET_PARAMETER.matcher(url).replaceAll("$1***");
    }

    public String mode() {
        return embedded ? "embedded" : "external";
    }
}
