package org.dozvon.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.dozvon.strategy.StrategyDecision;

/**
 * Everything known about one call attempt, as one user may see it (contact values and numbers through the user's
 * field access): the page {@code /calls/{id}} and {@code GET /api/v1/call-attempts/{id}/detail} show the same.
 * Texts are codes and values, not sentences: the page words them in the reader's language.
 *
 * @param attemptId    the dial request's id
 * @param state        the dial request's state: QUEUED, DIALING, SETTLED, CANCELLED
 * @param dialled      whether a call was placed (a queued, cancelled or skipped request has none)
 * @param number       the number dialled as this user sees it (masked, or null when its field is hidden)
 * @param phoneField   the code of the contact's phone field that holds the number, and {@code phoneFieldName} its name
 * @param stages       how long each stage of the call lasted, in order
 * @param events       what happened, oldest first
 * @param code         the completion code the attempt was settled with, or null
 * @param comment      the operators' wrap-up comment (a transferred call's notes are lines of it), or null
 * @param answers      the script's answers given for this attempt
 * @param strategy     what the contact's strategy decided about the outcome
 */
record CallDetail(long attemptId, String state, boolean dialled, CampaignRef campaign, ContactCard contact,
                  String number, String phoneField, String phoneFieldName, String callerId, String callId, String node, Connector connector,
                  Operator operator, String outcome, Integer hangupCause, Integer originateReason, String amdStatus,
                  String amdCause, String detail, boolean manual, int priority, Callback calledBack,
                  List<Stage> stages, List<Event> events, Code code, String comment, List<Answer> answers,
                  Strategy strategy) {

    record CampaignRef(long id, String name) {
    }

    /** The contact as the user sees it; {@code fields} in the list's order, hidden ones left out. */
    record ContactCard(long id, long listId, String listName, List<Field> fields) {
    }

    /** A field's value as shown ({@code masked}: the user sees it masked). */
    record Field(String code, String name, Object value, boolean masked) {
    }

    record Connector(long id, String name) {
    }

    record Operator(Long id, String name) {
    }

    /** The callback this call called back (null when it called none). */
    record Callback(long id, String type, String operator, String comment, String createdBy, Instant createdAt) {
    }

    /**
     * One stage: QUEUED (due → taken by a dialer), PREVIEW (taken → dialled: an operator looked at the card first),
     * RINGING (dialled → answered, or → ended when nobody answered), WAITING (answered → connected to an operator),
     * TALKING (connected → ended), NO_OPERATOR (answered → ended without an operator: an IVR, a machine, an abandoned
     * call), WRAP_UP (ended → the operator's wrap-up finished).
     */
    record Stage(String stage, Instant from, Instant to, long millis) {

        Duration duration() {
            return Duration.ofMillis(millis);
        }
    }

    /**
     * One event: its kind (REQUESTED, DUE, TAKEN, DIALLED, ANSWERED, MACHINE_DETECTION, WAITING, CONNECTED, ENDED,
     * CALLBACK_SET, MESSAGE, WRAPPED_UP, SETTLED, CANCELLED, DECIDED, AUDIT) and a detail in no language (a name, a
     * code, a number; null: none) and, for a MESSAGE, the journal's message id ({@code ref}).
     */
    record Event(Instant at, String type, String detail, Long ref) {
    }

    record Code(String code, String name, String category, String resolution) {
    }

    record Answer(String question, String answer, String answeredBy, Instant answeredAt) {
    }

    /**
     * @param recorded     whether this installation records decisions (its Camunda history level)
     * @param historyLevel the level
     * @param decisions    the decisions evaluated about this attempt's outcome
     */
    record Strategy(String businessKey, boolean recorded, String historyLevel, List<StrategyDecision> decisions) {
    }
}
