package org.dozvon.channels;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.dozvon.Violation;
import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → Mail (the SMTP server, manual section 4.2) and Settings → SMS gateway, each with a test send
 * that uses the values in the form, saved or not.
 */
@Controller
@RequiresPermission(Permission.CHANNELS_MANAGE)
class ChannelSettingsController {

    private final ChannelSettingsEditor editor;
    private final ChannelService channels;
    private final MessageSource messages;

    ChannelSettingsController(ChannelSettingsEditor editor, ChannelService channels, MessageSource messages) {
        this.editor = editor;
        this.channels = channels;
        this.messages = messages;
    }

    @GetMapping("/settings/mail")
    String mail(Model model) {
        Map<String, String> form = editor.smtpForm();
        form.put("testAddress", "");
        return mailForm(model, form, List.of());
    }

    @PostMapping("/settings/mail")
    String saveMail(@RequestParam Map<String, String> form, @AuthenticationPrincipal DozvonUser user, Model model,
                    RedirectAttributes redirect, HttpServletResponse response) {
        ChannelSettingsEditor.Checked<SmtpSettings> checked = editor.smtp(form);
        if (!checked.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return mailForm(model, form, checked.violations());
        }
        editor.save(checked.settings(), user.getUsername());
        redirect.addFlashAttribute("notice", "mail.saved");
        return "redirect:/settings/mail";
    }

    @PostMapping("/settings/mail/test")
    String testMail(@RequestParam Map<String, String> form, Model model, HttpServletResponse response) {
        ChannelSettingsEditor.Checked<SmtpSettings> checked = editor.smtp(form);
        if (!checked.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return mailForm(model, form, checked.violations());
        }
        String to = form.getOrDefault("testAddress", "").strip();
        if (ChannelService.addressProblem(to) != null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return mailForm(model, form, List.of(new Violation("testAddress", "mail.error.testAddress")));
        }
        SmtpSettings smtp = checked.settings();
        try {
            channels.testEmail(smtp, to, message("mail.test.subject"),
                    message("mail.test.text", smtp.host() + ":" + smtp.port()));
            model.addAttribute("testSent", message("mail.test.sent", to));
        } catch (ChannelSendException e) {
            model.addAttribute("testError", e.getMessage());
        }
        return mailForm(model, form, List.of());
    }

    @GetMapping("/settings/sms-gateway")
    String sms(Model model) {
        Map<String, String> form = editor.smsForm();
        form.put("testPhone", "");
        form.put("testText", message("sms.test.defaultText"));
        return smsForm(model, form, List.of());
    }

    @PostMapping("/settings/sms-gateway")
    String saveSms(@RequestParam Map<String, String> form, @AuthenticationPrincipal DozvonUser user, Model model,
                   RedirectAttributes redirect, HttpServletResponse response) {
        ChannelSettingsEditor.Checked<SmsGatewaySettings> checked = editor.sms(form);
        if (!checked.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return smsForm(model, form, checked.violations());
        }
        editor.save(checked.settings(), user.getUsername());
        redirect.addFlashAttribute("notice", "sms.saved");
        return "redirect:/settings/sms-gateway";
    }

    @PostMapping("/settings/sms-gateway/test")
    String testSms(@RequestParam Map<String, String> form, Model model, HttpServletResponse response) {
        ChannelSettingsEditor.Checked<SmsGatewaySettings> checked = editor.sms(form);
        if (!checked.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return smsForm(model, form, checked.violations());
        }
        String text = form.getOrDefault("testText", "").strip();
        if (text.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return smsForm(model, form, List.of(new Violation("testText", "sms.error.testText")));
        }
        try {
            SendResult sent = channels.testSms(checked.settings(), form.getOrDefault("testPhone", ""), text);
            model.addAttribute("testSent", message("sms.test.sent", sent.response()));
        } catch (ChannelSendException e) {
            model.addAttribute("testError", e.getMessage());
        }
        return smsForm(model, form, List.of());
    }

    private String mailForm(Model model, Map<String, String> form, List<Violation> violations) {
        model.addAttribute("form", form);
        model.addAttribute("securities", SmtpSettings.Security.values());
        model.addAttribute("passwordStored", editor.smtpPasswordStored());
        model.addAttribute("configured", editor.smtpConfigured());
        model.addAttribute("violations", violations);
        return "channels/mail";
    }

    private String smsForm(Model model, Map<String, String> form, List<Violation> violations) {
        model.addAttribute("form", form);
        model.addAttribute("methods", List.of("GET", "POST", "PUT"));
        model.addAttribute("secretStored", editor.smsSecretStored());
        model.addAttribute("configured", editor.smsConfigured());
        model.addAttribute("violations", violations);
        return "channels/sms-gateway";
    }

    private String message(String key, Object... arguments) {
        return messages.getMessage(key, arguments, key, LocaleContextHolder.getLocale());
    }
}
