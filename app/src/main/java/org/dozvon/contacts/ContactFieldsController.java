package org.dozvon.contacts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.dozvon.Violation;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Contacts → Fields: the fields lists are made of. */
@Controller
@RequestMapping("/contacts/fields")
class ContactFieldsController {

    private static final String ACCESS_PREFIX = "access_";

    private final ContactCatalogue catalogue;

    ContactFieldsController(ContactCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping
    @RequiresPermission(Permission.CONTACTS_VIEW)
    String fields(Model model) {
        model.addAttribute("fields", catalogue.fields());
        model.addAttribute("access", catalogue.accessByField());
        return "contacts/fields";
    }

    @GetMapping("/new")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String newField(Model model) {
        return form(model, null, "", "", FieldType.TEXT, "", false, Map.of(), List.of());
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String edit(@PathVariable long id, Model model) {
        ContactField field = catalogue.field(id);
        return form(model, field, field.code(), field.name(), field.type(), field.mask(), field.clientId(),
                catalogue.access(id), List.of());
    }

    /** The access by role comes from one select per role, {@code access_<ROLE>} (VISIBLE, MASKED or HIDDEN). */
    @PostMapping({"", "/{id}"})
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String save(@PathVariable(required = false) Long id, @RequestParam(required = false) String code,
                @RequestParam(required = false) String name, @RequestParam(required = false) FieldType type,
                @RequestParam(required = false) String mask, @RequestParam(defaultValue = "false") boolean clientId,
                @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect,
                HttpServletResponse response) {
        Map<String, FieldVisibility> access = new LinkedHashMap<>();
        form.forEach((key, value) -> {
            if (key.startsWith(ACCESS_PREFIX)) {
                access.put(key.substring(ACCESS_PREFIX.length()), visibility(value));
            }
        });
        ContactCatalogue.Result result = catalogue.saveField(id, code, name, type, mask, clientId, access);
        if (!result.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, id == null ? null : catalogue.field(id), code, name, type, mask, clientId, access,
                    result.violations());
        }
        redirect.addFlashAttribute("notice", "fields.saved");
        return "redirect:/contacts/fields";
    }

    @PostMapping("/{id}/delete")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        ContactCatalogue.Result result = catalogue.deleteField(id);
        if (result.ok()) {
            redirect.addFlashAttribute("notice", "fields.deleted");
        } else {
            redirect.addFlashAttribute("problem", result.violations().get(0).messageKey());
        }
        return "redirect:/contacts/fields";
    }

    private static FieldVisibility visibility(String value) {
        try {
            return FieldVisibility.valueOf(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private String form(Model model, ContactField field, String code, String name, FieldType type, String mask,
                        boolean clientId, Map<String, FieldVisibility> access, List<Violation> violations) {
        model.addAttribute("field", field);
        model.addAttribute("used", field != null && catalogue.fieldUsed(field.id()));
        model.addAttribute("code", code);
        model.addAttribute("name", name);
        model.addAttribute("type", type);
        model.addAttribute("mask", mask);
        model.addAttribute("clientId", clientId);
        model.addAttribute("types", FieldType.values());
        model.addAttribute("roles", catalogue.roles());
        model.addAttribute("access", access);
        model.addAttribute("visibilities", FieldVisibility.values());
        model.addAttribute("violations", violations);
        return "contacts/field";
    }
}
