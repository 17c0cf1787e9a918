package org.dozvon.contacts;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.dozvon.Violation;
import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.ApiCursor;
import org.dozvon.ApiPage;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/v1/contact-fields} and {@code /api/v1/contact-lists}: the contact model over REST. */
@RestController
@RequestMapping("/api/v1")
class ContactListsApi {

    private static final int MAX_BATCH = 10_000;

    private final ContactCatalogue catalogue;
    private final ContactLists contactLists;
    private final ContactStore store;
    private final PhoneNumbers phoneNumbers;
    private final FieldAccess fieldAccess;
    private final MessageSource messages;
    private final CrmStatusWrites crmStatuses;

    ContactListsApi(ContactCatalogue catalogue, ContactLists contactLists, ContactStore store, PhoneNumbers phoneNumbers,
                    FieldAccess fieldAccess, MessageSource messages, CrmStatusWrites crmStatuses) {
        this.catalogue = catalogue;
        this.contactLists = contactLists;
        this.store = store;
        this.phoneNumbers = phoneNumbers;
        this.fieldAccess = fieldAccess;
        this.messages = messages;
        this.crmStatuses = crmStatuses;
    }

    /**
     * Fields in id order ({@link ApiPage}).
     *
     * @param type only fields of this type
     * @param q    only fields whose code or name contains this (any case)
     */
    @GetMapping("/contact-fields")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    ApiPage<FieldDto> fields(@RequestParam(required = false) FieldType type, @RequestParam(defaultValue = "") String q,
                             @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        Map<Long, Map<String, FieldVisibility>> access = catalogue.accessByField();
        String text = q.strip().toLowerCase(Locale.ROOT);
        return ApiPage.byId(catalogue.fields().stream()
                .filter(field -> type == null || field.type() == type)
                .filter(field -> text.isEmpty() || field.code().toLowerCase(Locale.ROOT).contains(text)
                        || field.name().toLowerCase(Locale.ROOT).contains(text))
                .toList(), cursor, limit, ContactField::id,
                field -> FieldDto.of(field, access.getOrDefault(field.id(), Map.of())));
    }

    @GetMapping("/contact-fields/{id}")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    FieldDto field(@PathVariable long id) {
        return FieldDto.of(catalogue.field(id), catalogue.access(id));
    }

    /** Body: code, name, type, mask, clientId and optionally access (role code to MASKED or HIDDEN). */
    @PostMapping("/contact-fields")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    ResponseEntity<?> createField(@RequestBody FieldDto field) {
        ContactCatalogue.Result result = catalogue.saveField(null, field.code(), field.name(), field.type(), field.mask(),
                field.clientId(), field.access());
        if (!result.ok()) {
            return invalid(result.violations());
        }
        return ResponseEntity.created(URI.create("/api/v1/contact-fields/" + result.id())).body(field(result.id()));
    }

    /**
     * Replaces the field's access by role: body {@code {"OPERATOR": "MASKED", "AUDITOR": "HIDDEN"}}; roles left out
     * (or VISIBLE) see the field in clear.
     */
    @PutMapping("/contact-fields/{id}/access")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    ResponseEntity<?> replaceAccess(@PathVariable long id, @RequestBody Map<String, FieldVisibility> access) {
        ContactField field = catalogue.field(id);
        ContactCatalogue.Result result = catalogue.saveField(id, field.code(), field.name(), field.type(), field.mask(),
                field.clientId(), access);
        if (!result.ok()) {
            return invalid(result.violations());
        }
        return ResponseEntity.ok(field(id));
    }

    /** Lists in id order ({@link ApiPage}); {@code q} keeps those whose name contains it (any case). */
    @GetMapping("/contact-lists")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    ApiPage<ListDto> lists(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String cursor,
                           @RequestParam(required = false) Integer limit) {
        String text = q.strip().toLowerCase(Locale.ROOT);
        return ApiPage.byId(catalogue.lists().stream()
                .filter(list -> text.isEmpty() || list.name().toLowerCase(Locale.ROOT).contains(text)).toList(),
                cursor, limit, ContactList::id, list -> ListDto.of(contactLists.schemaOf(list), list.contactCount()));
    }

    @GetMapping("/contact-lists/{id}")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    ListDto list(@PathVariable long id) {
        ContactList list = catalogue.list(id);
        return ListDto.of(contactLists.schemaOf(list), list.contactCount());
    }

    /** Body: name, description and the fields by code in order, each optionally required. */
    @PostMapping("/contact-lists")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    ResponseEntity<?> createList(@RequestBody NewList request) {
        Map<String, Long> idsByCode = catalogue.fields().stream()
                .collect(Collectors.toMap(ContactField::code, ContactField::id));
        List<Long> fieldIds = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (NewList.ListFieldDto field : request.fields() == null ? List.<NewList.ListFieldDto>of() : request.fields()) {
            Long fieldId = idsByCode.get(field.code());
            if (fieldId == null) {
                unknown.add(field.code());
            } else {
                fieldIds.add(fieldId);
            }
        }
        if (!unknown.isEmpty()) {
            String detail = "Unknown field codes: " + unknown;
            return problem(HttpStatus.UNPROCESSABLE_ENTITY, detail, Map.of("fields", detail));
        }
        Set<Long> required = (request.fields() == null ? List.<NewList.ListFieldDto>of() : request.fields()).stream()
                .filter(NewList.ListFieldDto::required)
                .map(field -> idsByCode.get(field.code())).collect(Collectors.toSet());
        ContactCatalogue.Result result = catalogue.saveList(null, request.name(), request.description(), fieldIds, required);
        if (!result.ok()) {
            return invalid(result.violations());
        }
        return ResponseEntity.created(URI.create("/api/v1/contact-lists/" + result.id())).body(list(result.id()));
    }

    /** A page of contacts in id order ({@link ApiPage}), searched by {@code q} like the portal's list. */
    @GetMapping("/contact-lists/{id}/contacts")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    ApiPage<ContactDto> contacts(@PathVariable long id, @RequestParam(required = false) String cursor,
                                 @RequestParam(required = false) Integer limit, @RequestParam(defaultValue = "") String q,
                                 @AuthenticationPrincipal DozvonUser user) {
        ListSchema schema = contactLists.schema(id).orElseThrow(() -> new ContactCatalogue.NotFound("contact list " + id));
        ShownFields shown = fieldAccess.shownTo(user);
        int size = ApiPage.limit(limit);
        List<ContactStore.StoredContact> rows = store.page(id, ApiCursor.decodeId(cursor), false, size + 1,
                ContactQuery.of(q, schema, phoneNumbers, shown));
        return ApiPage.of(rows, size, contact -> ContactDto.of(contact, schema, shown),
                contact -> new Object[] {contact.id()});
    }

    /**
     * Adds contacts given as objects of field code to value, up to 10,000 per call. Valid contacts are
     * written even when others in the same call are refused; the answer says which and why. A value with
     * {@code ***} in a field the caller sees masked or not at all is refused: it is a mask read back, and would
     * overwrite the real value. A contact may carry {@code crmStatus} (and {@code postponeUntil}, ISO-8601): its
     * CRM status, applied to its campaigns by the CRM status mapping in the transaction that writes it; an unknown
     * status refuses the contact.
     */
    @PostMapping("/contact-lists/{id}/contacts")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    ResponseEntity<?> addContacts(@PathVariable long id, @RequestBody List<Map<String, Object>> contacts,
                                  @RequestParam(defaultValue = "false") boolean updateExisting,
                                  @AuthenticationPrincipal DozvonUser user) {
        ListSchema schema = contactLists.schema(id).orElseThrow(() -> new ContactCatalogue.NotFound("contact list " + id));
        if (contacts.size() > MAX_BATCH) {
            return problem(HttpStatus.PAYLOAD_TOO_LARGE,
                    contacts.size() + " contacts in one call; at most " + MAX_BATCH + " (or upload a file as an import)", null);
        }
        ShownFields shown = fieldAccess.shownTo(user);
        List<Map<String, String>> passed = new ArrayList<>();
        List<Integer> passedIndexes = new ArrayList<>();
        List<CrmStatusWrites.Wanted> wanted = new ArrayList<>();
        Map<Integer, List<String>> masks = new java.util.TreeMap<>();
        for (int i = 0; i < contacts.size(); i++) {
            Map<String, String> raw = asText(contacts.get(i));
            CrmStatusWrites.Wanted crm = crmStatuses.take(raw);
            List<String> problems = new ArrayList<>(ContactLists.maskedValues(raw, shown));
            problems.addAll(crm.problems());
            if (problems.isEmpty()) {
                passed.add(raw);
                passedIndexes.add(i);
                wanted.add(crm);
            } else {
                masks.put(i, problems);
            }
        }
        ContactLists.WriteReport report = crmStatuses.write(schema, passed, wanted, updateExisting, user);
        Map<Integer, List<String>> refused = new java.util.TreeMap<>(masks);
        for (int i = 0; i < report.problems().size(); i++) {
            if (!report.problems().get(i).isEmpty()) {
                refused.put(passedIndexes.get(i), report.describe(i));
            }
        }
        List<ItemResult> rejected = refused.entrySet().stream()
                .map(entry -> new ItemResult(entry.getKey(), entry.getValue())).toList();
        return ResponseEntity.ok(new WriteAnswer(report.inserted(), report.updated(), report.rejected() + masks.size(),
                rejected));
    }

    @DeleteMapping("/contact-lists/{id}/contacts/{contactId}")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    ResponseEntity<?> deleteContact(@PathVariable long id, @PathVariable long contactId) {
        contactLists.schema(id).orElseThrow(() -> new ContactCatalogue.NotFound("contact list " + id));
        return store.delete(id, List.of(contactId)) == 0
                ? problem(HttpStatus.NOT_FOUND, "There is no contact " + contactId + " in list " + id, null)
                : ResponseEntity.noContent().build();
    }

    private static Map<String, String> asText(Map<String, Object> contact) {
        Map<String, String> text = new LinkedHashMap<>();
        contact.forEach((code, value) -> text.put(code, value == null ? null : String.valueOf(value)));
        return text;
    }

    private ResponseEntity<ProblemDetail> invalid(List<Violation> violations) {
        Map<String, String> errors = new LinkedHashMap<>();
        violations.forEach(v -> errors.put(v.field(),
                messages.getMessage(v.messageKey(), v.arguments(), v.messageKey(), LocaleContextHolder.getLocale())));
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, String.join("; ", errors.values()), errors);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, Map<String, String> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (errors != null) {
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).body(problem);
    }

    /**
     * @param mask   the regular expression values must match (checking, not masking)
     * @param access the roles that see the field's values MASKED or HIDDEN; the others see them in clear
     */
    record FieldDto(Long id, String code, String name, FieldType type, String mask, boolean clientId,
                    Map<String, FieldVisibility> access) {
        static FieldDto of(ContactField field, Map<String, FieldVisibility> access) {
            return new FieldDto(field.id(), field.code(), field.name(), field.type(), field.mask(), field.clientId(),
                    access);
        }
    }

    record ListDto(long id, String name, long contactCount, List<ListFieldView> fields) {
        static ListDto of(ListSchema schema, long contactCount) {
            return new ListDto(schema.listId(), schema.listName(), contactCount, schema.fields().stream()
                    .map(f -> new ListFieldView(f.code(), f.name(), f.type(), f.required(), f.clientId())).toList());
        }
    }

    record ListFieldView(String code, String name, FieldType type, boolean required, boolean clientId) {
    }

    record NewList(String name, String description, List<ListFieldDto> fields) {
        record ListFieldDto(String code, boolean required) {
        }
    }

    /** A contact as the caller may see it: fields it sees masked are masked, fields hidden from it left out. */
    record ContactDto(long id, String clientId, Map<String, Object> fields, boolean dnc) {
        static ContactDto of(ContactStore.StoredContact contact, ListSchema schema, ShownFields shown) {
            Object clientId = schema.clientIdField().map(field -> shown.value(field.code(), contact.clientId()))
                    .orElse(contact.clientId());
            return new ContactDto(contact.id(), clientId == null ? null : clientId.toString(),
                    shown.values(contact.attributes()), contact.dnc());
        }
    }

    record ItemResult(int index, List<String> problems) {
    }

    record WriteAnswer(int inserted, int updated, int rejected, List<ItemResult> rejectedItems) {
    }
}
