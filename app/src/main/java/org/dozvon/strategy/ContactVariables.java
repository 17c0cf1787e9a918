package org.dozvon.strategy;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.core.variable.CoreVariableInstance;
import org.camunda.bpm.engine.impl.core.variable.scope.AbstractVariableScope;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The process variables Dozvon's delegates share (see docs/strategies.md), read and written as plain
 * values: Long, Integer, String, Boolean, Date.
 *
 * <p>Each variable written is a row of {@code ACT_RU_VARIABLE} inserted or updated, so a value is kept only
 * when a later step, after the process has waited, reads it ({@link #keep}, written only when it changes);
 * what only the rest of the same step reads (the decision's inputs, the plan, the route) is a transient
 * variable ({@link #pass}), which lives until the process waits.
 */
final class ContactVariables {

    static final String CAMPAIGN_ID = "campaignId";
    static final String CONTACT_ID = "contactId";
    static final String PLAN = "plan";
    static final String PHONE = "phone";
    static final String PHONE_TYPE = "phoneType";
    static final String TIME_ZONE = "timeZone";
    static final String DIAL_AT = "dialAt";
    static final String WINDOW_END = "windowEnd";
    static final String LOCAL_DAY = "localDay";
    static final String DAY_TYPE = "dayType";
    static final String ATTEMPT_ID = "attemptId";
    static final String OUTCOME_DEADLINE = "outcomeDeadline";
    static final String OUTCOME = "outcome";
    static final String COMPLETION_CODE = "completionCode";
    static final String CALLBACK_AT = "callbackAt";
    static final String SETTLED = "settled";
    static final String OUTCOME_CATEGORY = "outcomeCategory";
    static final String CODE_RESOLUTION = "codeResolution";
    static final String ATTEMPTS_ON_PHONE = "attemptsOnPhone";
    static final String ATTEMPTS_ON_CONTACT = "attemptsOnContact";
    static final String ATTEMPTS_TODAY = "attemptsToday";
    static final String TIMES_THIS_CODE = "timesThisCode";
    static final String OTHER_PHONES = "otherPhones";
    static final String DECISION = "decision";
    /** Camunda's own transient variable: the result of the decision the step's business rule task evaluated. */
    static final String DECISION_RESULT = "decisionResult";
    static final String ROUTE = "route";
    static final String NOT_BEFORE = "notBefore";
    static final String PREFERRED_PHONE = "preferredPhone";
    static final String CALLBACK_PLANNED = "callbackPlanned";
    static final String FINAL_STATUS = "finalStatus";
    static final String CHANNEL = "channel";
    static final String TEMPLATE = "template";
    static final String LAST_ACTION = "lastAction";

    private ContactVariables() {
    }

    static long campaignId(VariableScope scope) {
        return ((Number) scope.getVariable(CAMPAIGN_ID)).longValue();
    }

    static long contactId(VariableScope scope) {
        return ((Number) scope.getVariable(CONTACT_ID)).longValue();
    }

    static String businessKey(long campaignId, long contactId) {
        return campaignId + ":" + contactId;
    }

    static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null ? null : value.toString();
    }

    static Long number(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value instanceof Number n ? n.longValue() : null;
    }

    static Instant instant(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value instanceof Date date ? date.toInstant() : null;
    }

    /**
     * Sets a value only this step reads (the process does not wait before): a transient variable. A
     * persistent variable of the name (written by an earlier version of Dozvon) is updated instead, as Camunda
     * refuses to turn one into the other.
     */
    static void pass(VariableScope scope, String name, Object value) {
        CoreVariableInstance existing = instance(scope, name);
        if (existing != null && !existing.getTypedValue(false).isTransient()) {
            scope.setVariable(name, value);
        } else {
            scope.setVariable(name, Variables.untypedValue(value, true));
        }
    }

    /**
     * Sets a value later steps read: a persistent variable. Unless it already holds this value: Camunda writes a
     * variable that is set again even to the same value.
     */
    static void keep(VariableScope scope, String name, Object value) {
        CoreVariableInstance existing = instance(scope, name);
        if (existing == null || !java.util.Objects.equals(existing.getTypedValue(true).getValue(), value)) {
            scope.setVariable(name, value);
        }
    }

    private static CoreVariableInstance instance(VariableScope scope, String name) {
        return scope instanceof AbstractVariableScope variables ? variables.getVariableInstance(name) : null;
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
