package org.dozvon.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.access.TestUsers;
import org.dozvon.dialing.DialingFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The contact card keeps the field access of the operator's roles (manual 3.1.1.5): a preview campaign puts one
 * contact before each of two operators; the phone field is masked for OPERATOR and a passport field hidden from it.
 * An operator of that role alone sees the number and the phone field masked and no passport; an operator who is
 * also a supervisor gets the more open access of the two and sees everything in clear.
 */
class ArmFieldMaskingTests extends ApplicationTestBase {

    private static final String PASSWORD = "Operator-Pass-1";

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Operators operators;

    private final List<Long> operatorIds = new ArrayList<>();
    private Long campaignId;
    private String code;

    @AfterEach
    void letThePreviewsGo() {
        for (long id : operatorIds) {
            operators.changeState(id, OperatorState.OFFLINE);
            operators.skipPreview(id, code);
        }
        if (campaignId != null) {
            new DialingFixture(port, ADMIN_PASSWORD, jdbc).send("POST", "/api/v1/campaigns/" + campaignId + "/stop", null);
        }
    }

    @Test
    void theCardMasksWhatTheOperatorsRolesSeeMaskedAndLeavesOutWhatTheySeeHidden() throws Exception {
        DialingFixture fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        String s = fixture.suffix;
        ArmFixture setup = new ArmFixture(fixture, operators, context);
        field(fixture, "{\"code\": \"mobile_%s\", \"name\": \"Mobile\", \"type\": \"PHONE\", \"access\": {\"OPERATOR\": \"MASKED\"}}"
                .formatted(s));
        field(fixture, "{\"code\": \"name_%s\", \"name\": \"Name\", \"type\": \"TEXT\"}".formatted(s));
        field(fixture, "{\"code\": \"passport_%s\", \"name\": \"Passport %1$s\", \"type\": \"TEXT\", \"access\": {\"OPERATOR\": \"HIDDEN\"}}"
                .formatted(s));
        HttpResponse<String> list = fixture.send("POST", "/api/v1/contact-lists", """
                {"name": "Card %1$s", "fields": [{"code": "mobile_%1$s"}, {"code": "name_%1$s"}, {"code": "passport_%1$s"}]}"""
                .formatted(s));
        assertThat(list.statusCode()).as(list.body()).isEqualTo(201);
        long listId = fixture.read(list.body()).get("id").asLong();
        String digits = String.format("%05d", Math.floorMod(s.hashCode(), 100_000));
        HttpResponse<String> added = fixture.send("POST", "/api/v1/contact-lists/" + listId + "/contacts", """
                [{"mobile_%1$s": "+7900%2$s01", "name_%1$s": "Анна Смирнова", "passport_%1$s": "PASS-%1$s-1"},
                 {"mobile_%1$s": "+7900%2$s02", "name_%1$s": "Пётр Козлов", "passport_%1$s": "PASS-%1$s-2"}]"""
                .formatted(s, digits));
        assertThat(fixture.read(added.body()).get("inserted").asInt()).as(added.body()).isEqualTo(2);
        code = "SKIP_" + s.toUpperCase();
        long group = setup.codeGroupOf(code, "Skipped");

        String operatorUser = "arm-mask-" + s;
        String supervisingUser = "arm-mask-sup-" + s;
        new TestUsers(context).ensure(supervisingUser, PASSWORD, false, "OPERATOR", "SUPERVISOR");
        long operator = setup.operatorOfNewUser(operatorUser, PASSWORD, "Masked operator " + s);
        long supervising = setup.operatorOfNewUser(supervisingUser, PASSWORD, "Supervising operator " + s);
        operatorIds.addAll(List.of(operator, supervising));
        PortalClient operatorArm = workingAt(operatorUser, "PJSIP/mo" + s);
        PortalClient supervisingArm = workingAt(supervisingUser, "PJSIP/ms" + s);
        campaignId = fixture.startedCampaign(listId, """
                "completionCodeGroupId": %d,
                "dialing": {"mode": "PREVIEW", "previewSeconds": 600, "wrapUpSeconds": 0}""".formatted(group));
        DialingFixture.await("a preview before each operator", Duration.ofSeconds(90), () ->
                operators.operator(operator).orElseThrow().state() == OperatorState.PREVIEW
                        && operators.operator(supervising).orElseThrow().state() == OperatorState.PREVIEW);

        Map<String, Object> seen = previewed(operator);
        String number = (String) seen.get("phone");
        String masked = "+7 900 *** ** " + number.substring(number.length() - 2);
        String passport = "PASS-" + s + "-" + number.charAt(number.length() - 1);
        String name = number.endsWith("1") ? "Анна Смирнова" : "Пётр Козлов";
        String card = operatorArm.get("/arm/panel").body();
        assertThat(card).contains("id=\"arm-card\"").contains(masked).contains(name)
                .doesNotContain(number).doesNotContain(number.substring(1))
                .doesNotContain(passport).doesNotContain("Passport " + s);

        Map<String, Object> other = previewed(supervising);
        String otherNumber = (String) other.get("phone");
        assertThat(otherNumber).isNotEqualTo(number);
        assertThat(supervisingArm.get("/arm/panel").body()).contains(otherNumber)
                .contains("PASS-" + s + "-" + otherNumber.charAt(otherNumber.length() - 1)).contains("Passport " + s)
                .doesNotContain("***");
    }

    private PortalClient workingAt(String username, String phone) {
        PortalClient arm = portal();
        arm.login(username, PASSWORD);
        assertThat(arm.submit("/arm", "/arm/login", Map.of("endpoint", phone)).statusCode()).isEqualTo(200);
        assertThat(arm.submit("/arm", "/arm/state", Map.of("state", "READY")).statusCode()).isEqualTo(200);
        return arm;
    }

    private Map<String, Object> previewed(long operatorId) {
        long attempt = operators.operator(operatorId).orElseThrow().attemptId();
        return jdbc.sql("select phone, contact_id from dial_request where id = :id").param("id", attempt).query().singleRow();
    }

    private static void field(DialingFixture fixture, String body) {
        HttpResponse<String> created = fixture.send("POST", "/api/v1/contact-fields", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }
}
