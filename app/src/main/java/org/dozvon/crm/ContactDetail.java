package org.dozvon.crm;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.dozvon.campaigns.OutcomeCategory;
import org.dozvon.strategy.ContactStatus;
import org.dozvon.strategy.FinalStatus;

/**
 * One contact as {@code /api/v1/contacts} answers it, as the caller may see it: values of fields it sees masked are
 * masked, fields hidden from it are left out (so are phones of such fields).
 *
 * @param fields      values by field code
 * @param dnc         a DNC list holds one of its numbers or addresses (a blocked contact: see {@code blocked})
 * @param blocked     when and why the contact was blocked through the API; null: not blocked
 * @param crmStatus   the last status a CRM sent with it
 * @param campaigns   its place in every campaign that has taken it (or has calls of it)
 */
record ContactDetail(long id, long listId, String listName, String clientId, Map<String, Object> fields, boolean dnc,
                     Blocked blocked, String crmStatus, Instant crmStatusAt, Instant createdAt, Instant updatedAt,
                     List<Phone> phones, List<Campaign> campaigns) {

    record Blocked(Instant at, String reason) {
    }

    /**
     * @param field  the phone field's code
     * @param status ACTIVE, DNC (in a DNC list) or DISABLED
     * @param active whether a strategy may dial it (ACTIVE and not blocked in every campaign)
     * @param blocks the blocks that apply to it
     */
    record Phone(String field, String number, String status, boolean active, String timeZone, int priority,
                 List<Block> blocks) {
    }

    /**
     * @param scope      CONTACT (this contact's phone) or NUMBER (the number, whoever has it)
     * @param campaignId the campaign it is blocked in; null: every campaign
     */
    record Block(long id, String scope, Long campaignId, String reason, Instant at, String by) {
    }

    /**
     * @param campaignStatus the campaign's own status (RUNNING, PAUSED…)
     * @param status         the contact's status there; null when the campaign never took it (calls of it only)
     * @param step           the element of the strategy's process it waits in; null when finished
     * @param nextDialAt     when its strategy plans to dial it next
     * @param attempts       its dialled attempts there
     * @param history        its attempts there, newest first
     */
    record Campaign(long campaignId, String campaignName, String campaignStatus, ContactStatus status,
                    FinalStatus finalStatus, Instant postponedUntil, Step step, Instant nextDialAt, int attempts,
                    Instant startedAt, Instant finishedAt, List<Attempt> history) {
    }

    /** @param activityId the BPMN element's id ({@code Timer_Window}); @param name its name in the model */
    record Step(String activityId, String name) {
    }

    /**
     * @param kind      CALL, MANUAL (an operator dialled by hand) or EXTERNAL (an agent result given over the API)
     * @param state     DIALING while the call goes on, SETTLED once its outcome is known
     * @param startedAt when the call was placed
     * @param completionCode the code it was settled with (without one: its outcome's system code)
     * @param operator  the operator who talked (for EXTERNAL: the user who gave the result)
     */
    record Attempt(long id, String kind, String phone, String state, Instant requestedAt, Instant startedAt,
                   Instant answeredAt, Instant endedAt, Instant settledAt, OutcomeCategory outcome,
                   String completionCode, String operator, String comment) {
    }
}
