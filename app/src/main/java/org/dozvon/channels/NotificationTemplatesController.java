package org.dozvon.channels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.dozvon.Violation;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.contacts.ContactFields;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings → Notification templates: list, create, change, preview with sample values, delete. */
@Controller
@RequestMapping("/settings/notification-templates")
@RequiresPermission(Permission.NOTIFICATIONS_MANAGE)
class NotificationTemplatesController {

    private final NotificationTemplates templates;

    NotificationTemplatesController(NotificationTemplates templates) {
        this.templates = templates;
    }

    @GetMapping
    String list(@RequestParam(required = false) Channel channel, Model model) {
        model.addAttribute("templates", templates.all(channel));
        model.addAttribute("channel", channel);
        model.addAttribute("channels", Channel.values());
        return "channels/templates";
    }

    @GetMapping("/new")
    String newTemplate(@RequestParam(defaultValue = "SMS") Channel channel, Model model) {
        return form(model, null, NotificationTemplates.Form.blank(channel), Map.of(), List.of());
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        NotificationTemplate template = find(id);
        return form(model, template, NotificationTemplates.Form.of(template), Map.of(), List.of());
    }

    @PostMapping({"", "/{id}"})
    String save(@PathVariable(required = false) Long id, @RequestParam Map<String, String> params, Model model,
                RedirectAttributes redirect, HttpServletResponse response) {
        NotificationTemplate existing = id == null ? null : find(id);
        NotificationTemplates.Form form = formOf(params, existing);
        NotificationTemplates.Result result = templates.save(id, form);
        if (!result.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, existing, form, samples(params), result.violations());
        }
        redirect.addFlashAttribute("notice", "templates.saved");
        return "redirect:/settings/notification-templates";
    }

    /** Renders the form's template (saved or not) with the sample values typed beside it. */
    @PostMapping({"/preview", "/{id}/preview"})
    String preview(@PathVariable(required = false) Long id, @RequestParam Map<String, String> params, Model model) {
        NotificationTemplate existing = id == null ? null : find(id);
        NotificationTemplates.Form form = formOf(params, existing);
        NotificationTemplates.Checked checked = templates.check(id, form);
        Map<String, String> samples = samplesFor(form, samples(params));
        if (checked.template() != null) {
            model.addAttribute("preview", NotificationTemplates.render(checked.template(), samples::get));
        }
        return form(model, existing, form, samples, checked.violations());
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        templates.delete(id);
        redirect.addFlashAttribute("notice", "templates.deleted");
        return "redirect:/settings/notification-templates";
    }

    private NotificationTemplate find(long id) {
        return templates.find(id).orElseThrow(() -> new NotificationTemplates.NotFound("template " + id));
    }

    private static NotificationTemplates.Form formOf(Map<String, String> params, NotificationTemplate existing) {
        Channel channel = existing != null ? existing.channel() : channelOf(params.get("channel"));
        return new NotificationTemplates.Form(existing != null ? existing.code() : params.get("code"), params.get("name"),
                params.get("description"), channel, params.get("subject"), params.get("body"), params.get("webMethod"),
                params.get("webUrl"), params.get("webHeaders"));
    }

    private static Channel channelOf(String text) {
        try {
            return text == null ? null : Channel.valueOf(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, String> samples(Map<String, String> params) {
        Map<String, String> samples = new LinkedHashMap<>();
        params.forEach((key, value) -> {
            if (key.startsWith("sample.")) {
                samples.put(key.substring("sample.".length()), value);
            }
        });
        return samples;
    }

    /** A sample value for every reference of the form: the one typed, else one that looks like the field's type. */
    private Map<String, String> samplesFor(NotificationTemplates.Form form, Map<String, String> typed) {
        Map<String, ContactFields.Definition> fields = templates.fields();
        Map<String, String> samples = new LinkedHashMap<>();
        for (String name : NotificationTemplates.referencesOf(form)) {
            String value = typed.get(name);
            samples.put(name, value != null ? value : defaultSample(name, fields.get(name), form.channel()));
        }
        return samples;
    }

    private static String defaultSample(String name, ContactFields.Definition field, Channel channel) {
        if (field != null) {
            return switch (field.type()) {
                case PHONE -> "+79123456789";
                case EMAIL -> "ivan.petrov@example.org";
                case DATE -> "2026-11-24";
                case NUMBER -> "1500";
                case TIMEZONE -> "Europe/Moscow";
                case TEXT -> field.name();
            };
        }
        return switch (name) {
            case "recipient" -> channel == Channel.EMAIL ? "ivan.petrov@example.org" : "+79123456789";
            case "contact_id" -> "12345";
            case "campaign_id" -> "7";
            case "business_key" -> "7:12345";
            default -> "";
        };
    }

    private String form(Model model, NotificationTemplate template, NotificationTemplates.Form form,
                        Map<String, String> samples, List<Violation> violations) {
        model.addAttribute("template", template);
        model.addAttribute("form", form);
        model.addAttribute("channel", form.channel() == null ? Channel.SMS : form.channel());
        model.addAttribute("fields", templates.fields().values());
        model.addAttribute("builtIns", List.of("recipient", "contact_id", "campaign_id", "business_key"));
        model.addAttribute("methods", List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        model.addAttribute("samples", samples);
        model.addAttribute("violations", violations);
        return "channels/template";
    }
}
