package org.dozvon.crm;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.contacts.FieldAccess;
import org.dozvon.contacts.PhoneNumbers;
import org.dozvon.contacts.ShownFields;
import org.dozvon.strategy.ContactControl;
import org.dozvon.strategy.PhoneBlock;
import org.dozvon.ApiCursor;
import org.dozvon.ApiPage;
import org.dozvon.InvalidRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/phone-blocks}: numbers not to be dialled, whoever has them (AMT's "block a phone number in every
 * campaign, with no client"), in one campaign or every campaign; the list shows contacts' own phone blocks too.
 * Blocking cancels queued calls to the number; a call in progress ends.
 */
@RestController
@RequestMapping("/api/v1/phone-blocks")
class PhoneBlocksApi {

    private final CrmContacts contacts;
    private final ContactControl control;
    private final PhoneNumbers phoneNumbers;
    private final FieldAccess fieldAccess;

    PhoneBlocksApi(CrmContacts contacts, ContactControl control, PhoneNumbers phoneNumbers, FieldAccess fieldAccess) {
        this.contacts = contacts;
        this.control = control;
        this.phoneNumbers = phoneNumbers;
        this.fieldAccess = fieldAccess;
    }

    /**
     * @param contactId  the contact whose phone it is; null: whoever has the number
     * @param campaignId null: every campaign
     */
    record PhoneBlockDto(long id, String number, Long contactId, Long campaignId, String reason, Instant createdAt,
                         String createdBy) {

        /** A number whose field is not known here is masked when the caller sees any phone field masked or hidden. */
        static PhoneBlockDto of(PhoneBlock block, ShownFields shown) {
            return new PhoneBlockDto(block.id(), shown.number(null, block.number()), block.contactId(),
                    block.campaignId(), block.reason(), block.createdAt(), block.createdBy());
        }
    }

    /** @param number the number in any usual writing; @param campaignId null: every campaign */
    record NewBlock(String number, Long campaignId, String reason) {
    }

    /** Blocks by id, filtered by number, campaign or contact. */
    @GetMapping
    @RequiresPermission(Permission.CONTACTS_VIEW)
    ApiPage<PhoneBlockDto> blocks(@RequestParam(required = false) String number,
                                  @RequestParam(required = false) Long campaignId,
                                  @RequestParam(required = false) Long contactId,
                                  @RequestParam(required = false) String cursor,
                                  @RequestParam(required = false) Integer limit,
                                  @AuthenticationPrincipal DozvonUser user) {
        String e164 = null;
        if (number != null && !number.isBlank()) {
            PhoneNumbers.Normalized normalized = phoneNumbers.normalize(number);
            if (!normalized.valid()) {
                throw new InvalidRequest("number", "crm.error.number", number);
            }
            e164 = normalized.e164();
        }
        int size = ApiPage.limit(limit);
        List<PhoneBlock> rows = control.phoneBlocks(e164, campaignId, contactId, ApiCursor.decodeId(cursor), size + 1);
        ShownFields shown = fieldAccess.shownTo(user);
        return ApiPage.of(rows, size, block -> PhoneBlockDto.of(block, shown), block -> new Object[] {block.id()});
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    PhoneBlockDto block(@PathVariable long id, @AuthenticationPrincipal DozvonUser user) {
        return PhoneBlockDto.of(control.phoneBlock(id).orElseThrow(() -> new NotFound("phone block " + id)),
                fieldAccess.shownTo(user));
    }

    /** Blocks a number for everyone; blocking it again (same campaign or all) answers the block there is. */
    @PostMapping
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    ResponseEntity<PhoneBlockDto> create(@RequestBody NewBlock block, @AuthenticationPrincipal DozvonUser user) {
        PhoneBlock created = contacts.blockNumber(block.number(), block.campaignId(), block.reason(), user);
        return ResponseEntity.created(URI.create("/api/v1/phone-blocks/" + created.id()))
                .body(PhoneBlockDto.of(created, fieldAccess.shownTo(user)));
    }

    /** Removes a block (a contact's or a number's); the number may be dialled again where nothing else blocks it. */
    @DeleteMapping("/{id}")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    ResponseEntity<Void> delete(@PathVariable long id, @AuthenticationPrincipal DozvonUser user) {
        if (!contacts.removeBlock(id, user)) {
            throw new NotFound("phone block " + id);
        }
        return ResponseEntity.noContent().build();
    }
}
