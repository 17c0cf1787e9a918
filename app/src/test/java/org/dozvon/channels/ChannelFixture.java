package org.dozvon.channels;

import java.util.LinkedHashMap;
import java.util.Map;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;

/** Contact fields, templates and gateway settings the channel tests share. */
final class ChannelFixture {

    private ChannelFixture() {
    }

    /** The contact fields the test templates refer to, created through the contacts API unless they exist. */
    static void contactFields(PortalClient portal) {
        for (String[] field : new String[][] {{"ch_fio", "ФИО", "TEXT"}, {"ch_debt", "Долг", "NUMBER"}, {"ch_city", "Город", "TEXT"}}) {
            portal.apiSend("POST", "/api/v1/contact-fields",
                    "{\"code\":\"" + field[0] + "\",\"name\":\"" + field[1] + "\",\"type\":\"" + field[2] + "\"}",
                    "admin", ApplicationTestBase.ADMIN_PASSWORD);
        }
    }

    /** Creates the template unless one with the code exists. */
    static void template(NotificationTemplates templates, String code, Channel channel, String subject, String body,
                         String method, String url, String headers) {
        if (templates.findByCode(code).isPresent()) {
            return;
        }
        NotificationTemplates.Result result = templates.save(null,
                new NotificationTemplates.Form(code, code, null, channel, subject, body, method, url, headers));
        if (!result.ok()) {
            throw new IllegalStateException("template " + code + ": " + result.violations());
        }
    }

    static Map<String, String> gatewayForm(String url) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("url", url);
        form.put("method", "POST");
        form.put("headers", "Content-Type: application/json\nAuthorization: Bearer @secret");
        form.put("body", "{\"to\": \"@phone_digits\", \"text\": \"@text\"}");
        form.put("timeoutSeconds", "5");
        form.put("successContains", "");
        form.put("secret", ChannelsTests.GATEWAY_SECRET);
        return form;
    }
}
