package org.dozvon.contacts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;
import org.dozvon.Violation;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

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

    ContactListsController(ContactCatalogue catalogue, ContactLists contactLists, ContactStore store,
                           PhoneNumbers phoneNumbers) {
        this.catalogue = catalogue;
        this.contactLists = contactLists;
        this.store = store;
        this.phoneNumbers = phoneNumbers;
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
                    Model model) {
        ContactList list = catalogue.list(id);
        ListSchema schema = contactLists.schemaOf(list);
        boolean descending = !"asc".equals(order);
        List<ContactStore.StoredContact> page = store.page(id, after, descending, PAGE_SIZE + 1,
                ContactQuery.of(q, schema, phoneNumbers));
        boolean more = page.size() > PAGE_SIZE;
        List<ContactStore.StoredContact> shown = more ? page.subList(0, PAGE_SIZE) : page;
        model.addAttribute("list", list);
        model.addAttribute("schema", schema);
        model.addAttribute("contacts", shown);
        model.addAttribute("next", more ? shown.get(shown.size() - 1).id() : null);
        model.addAttribute("after", after);
        model.addAttribute("order", descending ? "desc" : "asc");
        model.addAttribute("q", q);
        return "contacts/contacts";
    }

    @GetMapping("/contacts/lists/{id}/contacts/new")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String newContact(@PathVariable long id, Model model) {
        return contactForm(model, id, null, Map.of(), List.of());
    }

    @GetMapping("/contacts/lists/{id}/contacts/{contactId}")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    String contact(@PathVariable long id, @PathVariable long contactId, Model model) {
        ContactStore.StoredContact contact = store.find(id, contactId)
                .orElseThrow(() -> new ContactCatalogue.NotFound("contact " + contactId + " in list " + id));
        Map<String, String> values = new LinkedHashMap<>();
        contact.attributes().forEach((code, value) -> values.put(code, String.valueOf(value)));
        model.addAttribute("phones", store.phones(contactId));
        return contactForm(model, id, contact, values, List.of());
    }

    @PostMapping({"/contacts/lists/{id}/contacts", "/contacts/lists/{id}/contacts/{contactId}"})
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String saveContact(@PathVariable long id, @PathVariable(required = false) Long contactId,
                       @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect,
                       HttpServletResponse response) {
        ListSchema schema = contactLists.schema(id).orElseThrow(() -> new ContactCatalogue.NotFound("contact list " + id));
        Map<String, String> values = new LinkedHashMap<>();
        schema.fields().forEach(field -> values.put(field.code(), form.getOrDefault("f_" + field.code(), "")));
        List<String> problems = contactId == null
                ? contactLists.write(schema, List.of(values), false).describe(0)
                : contactLists.update(schema, contactId, values);
        if (!problems.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            ContactStore.StoredContact existing = contactId == null ? null : store.find(id, contactId).orElse(null);
            model.addAttribute("problems", problems);
            return contactForm(model, id, existing, values, List.of());
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

    private String contactForm(Model model, long listId, ContactStore.StoredContact contact, Map<String, String> values,
                               List<Violation> violations) {
        ContactList list = catalogue.list(listId);
        model.addAttribute("list", list);
        model.addAttribute("schema", contactLists.schemaOf(list));
        model.addAttribute("contact", contact);
        model.addAttribute("values", values);
        model.addAttribute("violations", violations);
        return "contacts/contact";
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
