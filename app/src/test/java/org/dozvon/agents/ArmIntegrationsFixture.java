package org.dozvon.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.dozvon.dialing.DialingFixture;

/**
 * A contact previewed by an operator of a new user, in a preview campaign with integrations: links (the default
 * one to the in-process CRM) and the CRM's client-data service. The preview lasts ten minutes, so the card stays
 * without any call being placed; {@link #close} skips it, stops the campaign and logs the operator out.
 */
final class ArmIntegrationsFixture implements AutoCloseable {

    static final String PASSWORD = "Operator-Pass-1";

    final DialingFixture dialing;
    final Operators operators;
    final String username;
    final long operatorId;
    final long campaignId;
    final long contactId;
    final String name;
    final String debt;
    final String mobile;
    final String number;
    final String token;
    private final String code;

    /**
     * @param crmBase the CRM's address (its links and service live there)
     * @param links   the campaign's links, JSON; {@code %1$s} is the CRM's address, {@code %2$s} the fields' suffix
     */
    ArmIntegrationsFixture(DialingFixture dialing, ArmFixture setup, Operators operators, String crmBase, String links)
            throws Exception {
        this.dialing = dialing;
        this.operators = operators;
        String s = dialing.suffix;
        username = "arm-integrations-" + s;
        name = "name_" + s;
        debt = "debt_" + s;
        mobile = "mobile_" + s;
        token = "crm-token-" + s;
        operatorId = setup.operatorOfNewUser(username, PASSWORD, "Integrations operator " + s);
        code = "LATER_" + s.toUpperCase();
        long group = setup.codeGroupOf(code, "Later");
        for (String[] field : new String[][] {{name, "TEXT"}, {debt, "NUMBER"}, {mobile, "PHONE"}}) {
            assertThat(dialing.send("POST", "/api/v1/contact-fields", "{\"code\": \"%s\", \"name\": \"%s\", \"type\": \"%s\"}"
                    .formatted(field[0], field[0].substring(0, field[0].indexOf('_')) + " " + s, field[1])).statusCode())
                    .isEqualTo(201);
        }
        HttpResponse<String> list = dialing.send("POST", "/api/v1/contact-lists",
                "{\"name\": \"Integrations %s\", \"fields\": [{\"code\": \"%s\"}, {\"code\": \"%s\"}, {\"code\": \"%s\"}]}"
                        .formatted(s, name, debt, mobile));
        long listId = dialing.read(list.body()).get("id").asLong();
        number = "+7900" + String.format("%07d", Math.floorMod(s.hashCode(), 10_000_000));
        assertThat(dialing.send("POST", "/api/v1/contact-lists/" + listId + "/contacts",
                "[{\"%s\": \"Иван Петров\", \"%s\": \"1000\", \"%s\": \"%s\"}]".formatted(name, debt, mobile, number))
                .statusCode()).isEqualTo(200);
        campaignId = dialing.startedCampaign(listId, """
                "completionCodeGroupId": %d,
                "dialing": {"mode": "PREVIEW", "previewSeconds": 600, "wrapUpSeconds": 0},
                "integrations": {"links": %s,
                  "clientData": {"url": "%s/clients/{contactId}?debt={%s}", "timeoutSeconds": 1, "token": "%s"}}"""
                .formatted(group, links.formatted(crmBase, s), crmBase, debt, token));
        contactId = dialing.read(dialing.send("GET", "/api/v1/contact-lists/" + listId + "/contacts", null).body())
                .get("items").get(0).get("id").asLong();
    }

    /** Waits until the operator (logged in and ready) previews the contact; the attempt. */
    long awaitPreview() throws InterruptedException {
        DialingFixture.await("the operator previews the contact", Duration.ofSeconds(60),
                () -> operators.operator(operatorId).orElseThrow().state() == OperatorState.PREVIEW);
        return operators.operator(operatorId).orElseThrow().attemptId();
    }

    @Override
    public void close() {
        operators.skipPreview(operatorId, code);
        dialing.send("POST", "/api/v1/campaigns/" + campaignId + "/stop", null);
        operators.changeState(operatorId, OperatorState.OFFLINE);
    }
}
