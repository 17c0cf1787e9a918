package org.dozvon.contacts;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.dozvon.Violation;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/contact-fields} and {@code /api/v1/contact-lists}: the contact model over REST. */
@RestController
@RequestMapping("/api/v1")
class ContactListsApi {

    private static final int MAX_BATCH = 10_000;

    private final ContactCatalogue catalogue;
    private final ContactLists contactLists;
    private final ContactStore store;
    private final PhoneNumbers phoneNumbers;
    private final MessageSource messages;

    ContactListsApi(ContactCatalogue catalogue, ContactLists contactLists, ContactStore store, PhoneNumbers phoneNumbers,
                    MessageSource messages) {
        this.catalogue = catalogue;
        this.contactLists = contactLists;
        this.store = store;
        this.phoneNumbers = phoneNumbers;
        this.messages = messages;
    }

    @GetMapping("/contact-fields")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    List<FieldDto> fields() {
        return catalogue.fields().stream().map(FieldDto::of).toList();
    }

    @PostMapping("/contact-fields")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    ResponseEntity<?> createField(@RequestBody FieldDto field) {
        ContactCatalogue.Result result = catalogue.saveField(null, field.code(), field.name(), field.type(), field.mask(),
                field.clientId());
        if (!result.ok()) {
            return invalid(result.violations());
        }
        return ResponseEntity.created(URI.create("/api/v1/contact-fields/" + result.id()))
                .body(FieldDto.of(catalogue.field(result.id())));
    }

    @GetMapping("/contact-lists")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    List<ListDto> lists() {
        return catalogue.lists().stream().map(list -> ListDto.of(contactLists.schemaOf(list), list.contactCount())).toList();
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
            return problem(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown field codes: " + unknown, null);
        }
        Set<Long> required = request.fields().stream().filter(NewList.ListFieldDto::required)
                .map(field -> idsByCode.get(field.code())).collect(Collectors.toSet());
        ContactCatalogue.Result result = catalogue.saveList(null, request.name(), request.description(), fieldIds, required);
        if (!result.ok()) {
            return invalid(result.violations());
        }
        return ResponseEntity.created(URI.create("/api/v1/contact-lists/" + result.id())).body(list(result.id()));
    }

    /**
     * A page of contacts by keyset: pass the {@code nextAfter} of one answer as {@code after} to get the next.
     */
    @GetMapping("/contact-lists/{id}/contacts")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    ContactPage contacts(@PathVariable long id, @RequestParam(required = false) Long after,
                         @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "") String q) {
        ListSchema schema = contactLists.schema(id).orElseThrow(() -> new ContactCatalogue.NotFound("contact list " + id));
        int size = Math.max(1, Math.min(limit, 1000));
        List<ContactStore.StoredContact> rows = store.page(id, after, false, size + 1, ContactQuery.of(q, schema, phoneNumbers));
        boolean more = rows.size() > size;
        List<ContactStore.StoredContact> shown = more ? rows.subList(0, size) : rows;
        return new ContactPage(shown.stream().map(ContactDto::of).toList(),
                more ? shown.get(shown.size() - 1).id() : null);
    }

    /**
     * Adds contacts given as objects of field code to value, up to 10,000 per call. Valid contacts are
     * written even when others in the same call are refused; the answer says which and why.
     */
    @PostMapping("/contact-lists/{id}/contacts")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    ResponseEntity<?> addContacts(@PathVariable long id, @RequestBody List<Map<String, Object>> contacts,
                                  @RequestParam(defaultValue = "false") boolean updateExisting) {
        ListSchema schema = contactLists.schema(id).orElseThrow(() -> new ContactCatalogue.NotFound("contact list " + id));
        if (contacts.size() > MAX_BATCH) {
            return problem(HttpStatus.PAYLOAD_TOO_LARGE,
                    contacts.size() + " contacts in one call; at most " + MAX_BATCH + " (or upload a file as an import)", null);
        }
        List<Map<String, String>> raw = contacts.stream().map(ContactListsApi::asText).toList();
        ContactLists.WriteReport report = contactLists.write(schema, raw, updateExisting);
        List<ItemResult> rejected = new ArrayList<>();
        for (int i = 0; i < report.problems().size(); i++) {
            if (!report.problems().get(i).isEmpty()) {
                rejected.add(new ItemResult(i, report.describe(i)));
            }
        }
        return ResponseEntity.ok(new WriteAnswer(report.inserted(), report.updated(), report.rejected(), rejected));
    }

    @DeleteMapping("/contact-lists/{id}/contacts/{contactId}")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    ResponseEntity<Void> deleteContact(@PathVariable long id, @PathVariable long contactId) {
        return store.delete(id, List.of(contactId)) == 0 ? ResponseEntity.notFound().build() : ResponseEntity.noContent().build();
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

    record FieldDto(Long id, String code, String name, FieldType type, String mask, boolean clientId) {
        static FieldDto of(ContactField field) {
            return new FieldDto(field.id(), field.code(), field.name(), field.type(), field.mask(), field.clientId());
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

    record ContactDto(long id, String clientId, Map<String, Object> fields, boolean dnc) {
        static ContactDto of(ContactStore.StoredContact contact) {
            return new ContactDto(contact.id(), contact.clientId(), contact.attributes(), contact.dnc());
        }
    }

    record ContactPage(List<ContactDto> items, Long nextAfter) {
    }

    record ItemResult(int index, List<String> problems) {
    }

    record WriteAnswer(int inserted, int updated, int rejected, List<ItemResult> rejectedItems) {
    }
}
