package org.dozvon.contacts;

import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.ApiPage;
import org.dozvon.web.DictionaryEntry;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/dictionaries/phone-types}: a contact's phone type is the PHONE field its number is in
 * ({@code mobile}, {@code home}…): the code is the field's code (as in {@code maxAttemptsPerPhoneType} of a campaign
 * and a call attempt's phone type), the name the field's name as it was defined.
 */
@RestController
class PhoneTypesApi {

    private final ContactCatalogue catalogue;

    PhoneTypesApi(ContactCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping("/api/v1/dictionaries/phone-types")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    ApiPage<DictionaryEntry> phoneTypes() {
        return ApiPage.all(catalogue.fields().stream().filter(field -> field.type() == FieldType.PHONE)
                .map(field -> new DictionaryEntry(field.code(), field.name())).toList());
    }
}
