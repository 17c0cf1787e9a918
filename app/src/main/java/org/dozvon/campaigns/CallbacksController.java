package org.dozvon.campaigns;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Campaigns → Callbacks: every campaign's callbacks, filtered, with cancelling. */
@Controller
@RequestMapping("/campaigns/callbacks")
class CallbacksController {

    static final int PAGE_SIZE = 100;

    private final Callbacks callbacks;

    CallbacksController(Callbacks callbacks) {
        this.callbacks = callbacks;
    }

    /**
     * Latest window first. {@code date} keeps the callbacks whose window starts that day, in the
     * server's time zone (the one the page shows times in).
     */
    @GetMapping
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    String list(@RequestParam(required = false) CallbackStatus status, @RequestParam(defaultValue = "") String operator,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                @RequestParam(required = false) String before, @AuthenticationPrincipal DozvonUser user, Model model) {
        ZoneId zone = ZoneId.systemDefault();
        Keyset keyset = Keyset.parse(before);
        String who = operator.isBlank() ? null : operator.strip();
        List<Callback> page = callbacks.find(new CallbackStore.CallbackFilter(status, who, null, null,
                date == null ? null : date.atStartOfDay(zone).toInstant(),
                date == null ? null : date.plusDays(1).atStartOfDay(zone).toInstant(),
                keyset == null ? null : keyset.windowFrom(), keyset == null ? null : keyset.id()), PAGE_SIZE + 1);
        boolean more = page.size() > PAGE_SIZE;
        List<Callback> shown = more ? page.subList(0, PAGE_SIZE) : page;
        model.addAttribute("callbacks", shown);
        model.addAttribute("next", more ? Keyset.of(shown.get(shown.size() - 1)) : null);
        model.addAttribute("before", before);
        model.addAttribute("status", status);
        model.addAttribute("operator", operator);
        model.addAttribute("date", date);
        model.addAttribute("statuses", CallbackStatus.values());
        model.addAttribute("canManage", user.has(Permission.CAMPAIGNS_MANAGE));
        return "campaigns/callbacks";
    }

    @PostMapping("/{id}/cancel")
    @RequiresPermission(Permission.CAMPAIGNS_MANAGE)
    String cancel(@PathVariable long id, @AuthenticationPrincipal DozvonUser user, RedirectAttributes redirect) {
        try {
            callbacks.cancel(id, user.getUsername());
            redirect.addFlashAttribute("notice", "callbacks.cancelled");
        } catch (CallbackClosed e) {
            redirect.addFlashAttribute("refusal", new org.dozvon.Violation("status",
                    "callbacks.error.closed." + e.callback().status(), id));
        }
        return "redirect:/campaigns/callbacks";
    }

    /** A position in the list: the window start and id of the last callback shown, as {@code <instant>_<id>}. */
    record Keyset(Instant windowFrom, long id) {

        static String of(Callback callback) {
            return callback.windowFrom() + "_" + callback.id();
        }

        /** Null for none or for anything that is not a position (the list then starts at the top). */
        static Keyset parse(String text) {
            if (text == null || !text.contains("_")) {
                return null;
            }
            try {
                int at = text.lastIndexOf('_');
                return new Keyset(Instant.parse(text.substring(0, at)), Long.parseLong(text.substring(at + 1)));
            } catch (DateTimeParseException | NumberFormatException e) {
                return null;
            }
        }
    }
}
