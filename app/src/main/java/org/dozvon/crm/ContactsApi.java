package org.dozvon.crm;

import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.contacts.ContactLists;
import org.dozvon.contacts.FieldAccess;
import org.dozvon.ApiCursor;
import org.dozvon.ApiPage;
import org.dozvon.InvalidRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/contacts}: one contact as a CRM sees and steers it — looked up by id or by client id with its status,
 * strategy step and attempts in every campaign; its values and CRM status changed; cancelled or blocked in one
 * campaign or in all; a phone of it blocked; an agent's result given. Every change answers the contact as it is after
 * it. Errors are RFC 7807 problems: 404 unknown contact, 422 naming the field, 409 for a contact whose state refuses
 * the change (with {@code reason}).
 */
@RestController
@RequestMapping("/api/v1/contacts")
class ContactsApi {

    private final CrmContacts contacts;
    private final FieldAccess fieldAccess;
    private final ContactLists contactLists;

    ContactsApi(CrmContacts contacts, FieldAccess fieldAccess, ContactLists contactLists) {
        this.contacts = contacts;
        this.fieldAccess = fieldAccess;
        this.contactLists = contactLists;
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    ContactDetail contact(@PathVariable long id, @AuthenticationPrincipal DozvonUser user) {
        return contacts.detail(id, fieldAccess.shownTo(user));
    }

    /**
     * The contacts with a client id: in one list ({@code listId}) or in every list, where a client id may repeat. A
     * page by contact id ({@link ApiPage}).
     */
    @GetMapping
    @RequiresPermission(Permission.CONTACTS_VIEW)
    ApiPage<ContactDetail> byClientId(@RequestParam String clientId,
                                      @RequestParam(required = false) Long listId,
                                      @RequestParam(required = false) String cursor,
                                      @RequestParam(required = false) Integer limit,
                                      @AuthenticationPrincipal DozvonUser user) {
        if (clientId == null || clientId.isBlank()) {
            throw new InvalidRequest("clientId", "crm.error.clientIdRequired");
        }
        if (listId != null && contactLists.schema(listId).isEmpty()) {
            throw new InvalidRequest("listId", "crm.error.list", String.valueOf(listId));
        }
        CrmContacts.Page page = contacts.byClientId(clientId.strip(), listId, ApiCursor.decodeId(cursor),
                ApiPage.limit(limit), fieldAccess.shownTo(user));
        return new ApiPage<>(page.items(), page.lastId() == null ? null : ApiCursor.encode(page.lastId()));
    }

    /**
     * Changes some of the contact's values ({@code fields}: field code to value, an empty value clears a field) and/or
     * its CRM status ({@code crmStatus}, with {@code postponeUntil} for a status that postpones): the status's action
     * applies to the contact in every campaign. Nothing is saved when anything is refused (422 naming the field).
     */
    @PatchMapping("/{id}")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    ContactDetail change(@PathVariable long id, @RequestBody CrmContacts.Change change,
                         @AuthenticationPrincipal DozvonUser user) {
        contacts.change(id, change, false, user, fieldAccess.shownTo(user));
        return contact(id, user);
    }

    /**
     * Replaces the contact's values: fields the caller sees in clear and does not send are cleared, those it does not
     * see in clear keep their values. {@code crmStatus} as in PATCH.
     */
    @PutMapping("/{id}")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    ContactDetail replace(@PathVariable long id, @RequestBody CrmContacts.Change change,
                          @AuthenticationPrincipal DozvonUser user) {
        contacts.change(id, change, true, user, fieldAccess.shownTo(user));
        return contact(id, user);
    }

    /**
     * @param campaignId null: every campaign
     * @param reason     why, kept with the change (at most 500 characters)
     */
    record Scope(Long campaignId, String reason) {
        static final Scope ALL = new Scope(null, null);
    }

    /**
     * Ends the contact's processing (final status CANCELLED) in one campaign ({@code campaignId}) or in every campaign:
     * those that have taken it, and those that call its list and have not taken it yet, which never will. Queued calls
     * are cancelled; a call in progress ends, and its outcome revives nothing.
     */
    @PostMapping("/{id}/cancel")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    ContactDetail cancel(@PathVariable long id, @RequestBody(required = false) Scope scope,
                         @AuthenticationPrincipal DozvonUser user) {
        Scope given = scope == null ? Scope.ALL : scope;
        contacts.cancel(id, given.campaignId(), given.reason(), false, user);
        return contact(id, user);
    }

    /**
     * As cancel, with final status DO_NOT_CALL; without {@code campaignId} the contact itself is blocked too: no
     * campaign, existing or future, takes it.
     */
    @PostMapping("/{id}/block")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    ContactDetail block(@PathVariable long id, @RequestBody(required = false) Scope scope,
                        @AuthenticationPrincipal DozvonUser user) {
        Scope given = scope == null ? Scope.ALL : scope;
        contacts.cancel(id, given.campaignId(), given.reason(), true, user);
        return contact(id, user);
    }

    /**
     * Blocks one of the contact's phones ({@code number} in any usual writing) in one campaign or in every campaign:
     * strategies no longer dial it, a queued call to it is cancelled.
     */
    @PostMapping("/{id}/phones/{number}/block")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    ContactDetail blockPhone(@PathVariable long id, @PathVariable String number,
                             @RequestBody(required = false) Scope scope, @AuthenticationPrincipal DozvonUser user) {
        Scope given = scope == null ? Scope.ALL : scope;
        contacts.blockPhone(id, number, given.campaignId(), given.reason(), user);
        return contact(id, user);
    }

    /**
     * Removes the contact's blocks of a phone: in one campaign, or all of them. A number blocked for everyone
     * ({@code /api/v1/phone-blocks}) stays blocked.
     */
    @PostMapping("/{id}/phones/{number}/unblock")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    ContactDetail unblockPhone(@PathVariable long id, @PathVariable String number,
                               @RequestBody(required = false) Scope scope, @AuthenticationPrincipal DozvonUser user) {
        Scope given = scope == null ? Scope.ALL : scope;
        contacts.unblockPhone(id, number, given.campaignId(), user);
        return contact(id, user);
    }

    /**
     * @param campaignId the campaign (required)
     * @param code       a completion code of the campaign's code group (without a group: an operator code)
     * @param comment    the agent's comment (at most 2,000 characters)
     * @param callbackAt a callback time agreed (ISO-8601), for a code whose action calls back
     */
    record AgentResult(Long campaignId, String code, String comment, String callbackAt) {
    }

    /** @param attemptId the attempt the result was recorded as ({@code /api/v1/call-attempts/{id}/detail}) */
    record AgentResultAnswer(long attemptId, ContactDetail contact) {
    }

    /**
     * Gives the contact an agent's result in a campaign: its strategy takes the code as an operator's wrap-up, and the
     * decision table's action for it applies (finish, retry, callback…). 409 while a call to the contact goes on or
     * when its processing there has ended.
     */
    @PostMapping("/{id}/agent-result")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    AgentResultAnswer agentResult(@PathVariable long id, @RequestBody AgentResult result,
                                  @AuthenticationPrincipal DozvonUser user) {
        long attemptId = contacts.agentResult(id, result.campaignId(), result.code(), result.comment(),
                result.callbackAt(), user);
        return new AgentResultAnswer(attemptId, contact(id, user));
    }
}
