package org.dozvon.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dozvon.PortalClient;

/** Users an administrator creates on Settings → Users, as the page does it: the temporary password it shows once. */
final class NewPortalUsers {

    private static final Pattern TEMPORARY_PASSWORD = Pattern.compile("id=\"temporary-password\">([^<]+)<");

    /** A supervisor just created, who has not logged in yet. */
    record Created(String username, String temporaryPassword) {
    }

    private NewPortalUsers() {
    }

    /** A new SUPERVISOR named {@code prefix.<random>}, created by the (logged-in) administrator {@code admin}. */
    static Created supervisor(PortalClient admin, String prefix, String displayName) {
        String username = prefix + "." + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("displayName", displayName);
        form.put("roles", "SUPERVISOR");
        HttpResponse<String> created = admin.submit("/settings/users/new", "/settings/users", form);
        Matcher matcher = TEMPORARY_PASSWORD.matcher(admin.get(created.headers().firstValue("Location").orElseThrow()).body());
        assertThat(matcher.find()).isTrue();
        return new Created(username, matcher.group(1));
    }
}
