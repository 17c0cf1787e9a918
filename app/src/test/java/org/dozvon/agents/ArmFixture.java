package org.dozvon.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.dozvon.access.TestUsers;
import org.dozvon.dialing.DialingFixture;

import org.springframework.context.ApplicationContext;

/** What workplace tests set up the same way: an operator a new user works as, and a code group of one code. */
record ArmFixture(DialingFixture dialing, Operators operators, ApplicationContext context) {

    /** A user with the OPERATOR role and the operator it works as (no phone yet: it logs in on one). */
    long operatorOfNewUser(String username, String password, String operatorName) {
        new TestUsers(context).ensure(username, password, false, "OPERATOR");
        Operators.Saved saved = operators.save(null, new Operators.OperatorDraft(operatorName,
                operators.userNamed(username).orElseThrow(), null, null, Map.of()));
        assertThat(saved.violations()).isEmpty();
        return saved.id();
    }

    /** An ANSWERED/SUCCESS operator code and a group holding it; the group's id. */
    long codeGroupOf(String code, String codeName) throws Exception {
        assertThat(dialing.send("POST", "/api/v1/completion-codes", """
                {"code": "%s", "name": "%s", "category": "ANSWERED", "resolution": "SUCCESS"}""".formatted(code, codeName))
                .statusCode()).isEqualTo(201);
        return dialing.read(dialing.send("POST", "/api/v1/code-groups",
                "{\"name\": \"Group %s\", \"codes\": [\"%s\"]}".formatted(code, code)).body()).get("id").asLong();
    }
}
