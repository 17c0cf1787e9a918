package org.dozvon.contacts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;
import org.dozvon.Violation;
import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Contacts: the lists, and the contacts of one list. */
@Controller
class ContactListsController {

    static final int PAGE_SIZE = 50;

    private final ContactCatalogue catalogue;
    private final ContactLists contactLists;
    private final ContactStore store;
    private final PhoneNumbers phoneNumbers;
    private final FieldAccess fieldAccess;

    ContactListsController(ContactCatalogue catalogue, ContactLists contactLists, ContactStore store,
                           PhoneNumbers phoneNumbers, FieldAccess fieldAccess) {
        this.catalogue = catalogue;
        this.contactLists = contactLists;
        this.store = store;
        this.phoneNumbers = phoneNumbers;
        this.fieldAccess = fieldAccess;
    }

    @GetMapping("/contacts")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    String lists(Model model) {
        model.addAttribute("lists", catalogue.lists());
        return "contacts/lists";
    }

    @GetMapping("/contacts/lists/new")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String newList(@RequestParam(required = false) Long copyFrom, Model model) {
        List<Long> fieldIds = new ArrayList<>();
        Set<Long> required = new HashSet<>();
        if (copyFrom != null) {
            ContactList source = catalogue.list(copyFrom);
            source.fields().forEach(field -> fieldIds.add(field.fieldId()));
            required.addAll(catalogue.requiredFieldIds(source));
        }
        return listForm(model, null, "", "", fieldIds, required, List.of());
    }

    @GetMapping("/contacts/lists/{id}/edit")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String editList(@PathVariable long id, Model model) {
        ContactList list = catalogue.list(id);
        return listForm(model, list, list.name(), list.description(),
                list.fields().stream().map(ContactList.ListField::fieldId).toList(), catalogue.requiredFieldIds(list), List.of());
    }

    /** Field order comes from the "position" inputs next to each chosen field. */
    @PostMapping({"/contacts/lists", "/contacts/lists/{id}/edit"})
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String saveList(@PathVariable(required = false) Long id, @RequestParam(required = false) String name,
                    @RequestParam(required = false) String description,
                    @RequestParam(name = "fields", required = false) List<Long> fields,
                    @RequestParam(name = "required", required = false) List<Long> required,
                    @RequestParam Map<String, String> all, Model model, RedirectAttributes redirect,
                    HttpServletResponse response) {
        List<Long> chosen = new ArrayList<>(fields == null ? List.of() : fields);
        chosen.sort((a, b) -> Integer.compare(position(all, a), position(all, b)));
        Set<Long> requiredIds = required == null ? Set.of() : new HashSet<>(required);
        ContactCatalogue.Result result = catalogue.saveList(id, name, description, chosen, requiredIds);
        if (!result.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return listForm(model, id == null ? null : catalogue.list(id), name, description, chosen, requiredIds,
                    result.violations());
        }
        redirect.addFlashAttribute("notice", "lists.saved");
        return "redirect:/contacts/lists/" + result.id();
    }

    @PostMapping("/contacts/lists/{id}/delete")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String deleteList(@PathVariable long id, RedirectAttributes redirect) {
        catalogue.deleteList(id);
        redirect.addFlashAttribute("notice", "lists.deleted");
        return "redirect:/contacts";
    }

    /** The contacts of a list, 50 at a time, by keyset: {@code after} is the last id of the page before. */
    @GetMapping("/contacts/lists/{id}")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    String contacts(@PathVariable long id, @RequestParam(required = false) Long after,
                    @RequestParam(defaultValue = "desc") String order, @RequestParam(defaultValue = "") String q,
                    @AuthenticationPrincipal DozvonUser user, Model model) {
        ContactList list = catalogue.list(id);
        ListSchema schema = contactLists.schemaOf(list);
        ShownFields shown = fieldAccess.shownTo(user);
        boolean descending = !"asc".equals(order);
        List<ContactStore.StoredContact> page = store.page(id, after, descending, PAGE_SIZE + 1,
                ContactQuery.of(q, schema, phoneNumbers, shown));
        boolean more = page.size() > PAGE_SIZE;
        List<ContactStore.StoredContact> rows = more ? page.subList(0, PAGE_SIZE) : page;
        model.addAttribute("list", list);
        model.addAttribute("schema", schema);
        model.addAttribute("shown", shown);
        model.addAttribute("fields", shown.fields(schema));
        model.addAttribute("contacts", rows);
        model.addAttribute("next", more ? rows.get(rows.size() - 1).id() : null);
        model.addAttribute("after", after);
        model.addAttribute("order", descending ? "desc" : "asc");
        model.addAttribute("q", q);
        return "contacts/contacts";
    }

    @GetMapping("/contacts/lists/{id}/contacts/new")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String newContact(@PathVariable long id, @AuthenticationPrincipal DozvonUser user, Model model) {
        return contactForm(model, id, null, Map.of(), fieldAccess.shownTo(user));
    }

    @GetMapping("/contacts/lists/{id}/contacts/{contactId}")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    String contact(@PathVariable long id, @PathVariable long contactId, @AuthenticationPrincipal DozvonUser user,
                   Model model) {
        ContactStore.StoredContact contact = store.find(id, contactId)
                .orElseThrow(() -> new ContactCatalogue.NotFound("contact " + contactId + " in list " + id));
        ShownFields shown = fieldAccess.shownTo(user);
        model.addAttribute("phones", store.phones(contactId).stream().filter(phone -> !shown.hidden(phone.fieldCode()))
                .map(phone -> new ContactStore.StoredPhone(phone.fieldCode(), shown.number(phone.fieldCode(), phone.number()),
                        phone.timeZone(), phone.timeZoneSource(), phone.status(), phone.priority()))
                .toList());
        return contactForm(model, id, contact, text(contact.attributes()), shown);
    }

    /**
     * Fields the user sees masked or not at all are read-only: saving an existing contact keeps their stored values
     * whatever the form sends, so an unchanged form never writes a mask over the value. A new contact takes what is
     * typed into a masked field (the user may know the value, and only cannot read it back), but never a mask.
     */
    @PostMapping({"/contacts/lists/{id}/contacts", "/contacts/lists/{id}/contacts/{contactId}"})
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String saveContact(@PathVariable long id, @PathVariable(required = false) Long contactId,
                       @RequestParam Map<String, String> form, @AuthenticationPrincipal DozvonUser user, Model model,
                       RedirectAttributes redirect, HttpServletResponse response) {
        ListSchema schema = contactLists.schema(id).orElseThrow(() -> new ContactCatalogue.NotFound("contact list " + id));
        ShownFields shown = fieldAccess.shownTo(user);
        ContactStore.StoredContact existing = contactId == null ? null
                : store.find(id, contactId).orElseThrow(() -> new ContactCatalogue.NotFound("contact " + contactId + " in list " + id));
        Map<String, String> stored = existing == null ? Map.of() : text(existing.attributes());
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> typedUnseen = new LinkedHashMap<>();
        for (ListSchema.Field field : schema.fields()) {
            String code = field.code();
            String typed = form.getOrDefault("f_" + code, "");
            if (shown.visible(code)) {
                values.put(code, typed);
            } else if (existing != null) {
                values.put(code, stored.getOrDefault(code, ""));
            } else if (shown.masked(code)) {
                values.put(code, typed);
                typedUnseen.put(code, typed);
            } else {
                values.put(code, "");
            }
        }
        List<String> problems = new ArrayList<>(ContactLists.maskedValues(typedUnseen, shown));
        if (problems.isEmpty()) {
            problems.addAll(contactId == null
                    ? contactLists.write(schema, List.of(values), false).describe(0)
                    : contactLists.update(schema, contactId, values));
        }
        if (!problems.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problems", problems.stream().map(problem -> unseen(problem, schema, stored, shown)).toList());
            return contactForm(model, id, existing, values, shown);
        }
        redirect.addFlashAttribute("notice", contactId == null ? "contacts.created" : "contacts.saved");
        return "redirect:/contacts/lists/" + id;
    }

    @PostMapping("/contacts/lists/{id}/contacts/delete")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String deleteContacts(@PathVariable long id, @RequestParam(name = "ids", required = false) List<Long> ids,
                          @RequestParam(defaultValue = "false") boolean all, RedirectAttributes redirect) {
        catalogue.list(id);
        long deleted = all ? store.deleteAll(id) : ids == null || ids.isEmpty() ? 0 : store.delete(id, ids);
        redirect.addFlashAttribute("notice", "contacts.deleted");
        redirect.addFlashAttribute("deletedCount", deleted);
        return "redirect:/contacts/lists/" + id;
    }

    private String listForm(Model model, ContactList list, String name, String description, List<Long> chosen,
                            Set<Long> required, List<Violation> violations) {
        model.addAttribute("list", list);
        model.addAttribute("name", name);
        model.addAttribute("description", description);
        // the list's fields first, in their order, then the others by name
        List<ContactField> allFields = new ArrayList<>(catalogue.fields());
        allFields.sort((a, b) -> Integer.compare(rank(chosen, a.id()), rank(chosen, b.id())));
        model.addAttribute("allFields", allFields);
        model.addAttribute("chosen", chosen);
        model.addAttribute("required", required);
        model.addAttribute("otherLists", catalogue.lists());
        model.addAttribute("violations", violations);
        return "contacts/list";
    }

    /** @param values as typed or stored: masked or left out here for the fields the user does not see in clear */
    private String contactForm(Model model, long listId, ContactStore.StoredContact contact, Map<String, String> values,
                               ShownFields shown) {
        ContactList list = catalogue.list(listId);
        ListSchema schema = contactLists.schemaOf(list);
        Map<String, Object> shownValues = new LinkedHashMap<>(values);
        for (ListSchema.Field field : schema.fields()) {
            if (shown.hidden(field.code())) {
                shownValues.remove(field.code());
            } else if (shown.masked(field.code()) && contact != null) {
                // an existing contact's masked field shows what is stored, masked: never the value in clear
                shownValues.put(field.code(), shown.value(field.code(), contact.attributes().get(field.code())));
            }
        }
        model.addAttribute("list", list);
        model.addAttribute("schema", schema);
        model.addAttribute("fields", shown.fields(schema));
        model.addAttribute("shown", shown);
        model.addAttribute("contact", contact);
        model.addAttribute("values", shownValues);
        model.addAttribute("violations", List.<Violation>of());
        return "contacts/contact";
    }

    /** A problem as the user may read it: a stored value the user does not see in clear is masked in it too. */
    private static String unseen(String problem, ListSchema schema, Map<String, String> stored, ShownFields shown) {
        String text = problem;
        for (ListSchema.Field field : schema.fields()) {
            String value = stored.get(field.code());
            if (value != null && !value.isEmpty() && !shown.visible(field.code())) {
                text = text.replace(value, shown.hidden(field.code()) ? ValueMasks.STARS : ValueMasks.mask(field.type(), value));
            }
        }
        return text;
    }

    private static Map<String, String> text(Map<String, Object> attributes) {
        Map<String, String> values = new LinkedHashMap<>();
        attributes.forEach((code, value) -> values.put(code, value instanceof java.math.BigDecimal number
                ? number.toPlainString() : String.valueOf(value)));
        return values;
    }

    private static int rank(List<Long> chosen, long fieldId) {
        int index = chosen.indexOf(fieldId);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    private static int position(Map<String, String> form, long fieldId) {
        try {
            return Integer.parseInt(form.getOrDefault("position_" + fieldId, "1000").strip());
        } catch (NumberFormatException e) {
            return 1000;
        }
    }
}
