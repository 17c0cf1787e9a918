package org.dozvon.dialing;

import java.util.Locale;

import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.telephony.SpyMode;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The monitor's buttons for a supervisor's interventions in a call (htmx {@code hx-post} with the page's CSRF
 * header): each answers with the small fragment {@code dialing/intervention :: result}, a Bootstrap alert with the
 * id {@code call-intervention} saying what was done or why not (200 either way, so that htmx swaps it in; its
 * {@code data-result} is {@link CallControl.Result}'s name).
 */
@Controller
class CallInterventionController {

    private final CallControl control;

    CallInterventionController(CallControl control) {
        this.control = control;
    }

    /**
     * @param endpoint the supervisor's phone, e.g. {@code PJSIP/200}
     * @param mode     LISTEN (the default), WHISPER or BARGE, case-insensitively
     */
    @PostMapping("/monitoring/calls/{attemptId}/listen")
    @RequiresPermission(Permission.CALLS_INTERVENE)
    String listen(@PathVariable long attemptId, @RequestParam(required = false) String endpoint,
                  @RequestParam(required = false) String mode, @AuthenticationPrincipal DozvonUser user, Model model) {
        SpyMode spyMode = mode(mode);
        if (spyMode == null) {
            return fragment(model, attemptId, "call.listen", endpoint, null, "intervention.error.mode", mode);
        }
        String action = action(spyMode);
        return result(model, attemptId, action, endpoint, control.listen(attemptId, endpoint, spyMode, user));
    }

    /** @param endpoint the supervisor's phone, e.g. {@code PJSIP/200} */
    @PostMapping("/monitoring/calls/{attemptId}/take-over")
    @RequiresPermission(Permission.CALLS_INTERVENE)
    String takeOver(@PathVariable long attemptId, @RequestParam(required = false) String endpoint,
                    @AuthenticationPrincipal DozvonUser user, Model model) {
        return result(model, attemptId, "call.take-over", endpoint, control.takeOver(attemptId, endpoint, user));
    }

    private static String result(Model model, long attemptId, String action, String endpoint, CallControl.Result result) {
        String shown = endpoint == null ? "" : endpoint.strip();
        String key = result == CallControl.Result.DONE ? doneKey(action) : "intervention.error." + result.name();
        return fragment(model, attemptId, action, shown, result, key, shown);
    }

    private static String fragment(Model model, long attemptId, String action, String endpoint,
                                   CallControl.Result result, String messageKey, String value) {
        model.addAttribute("attemptId", attemptId);
        model.addAttribute("action", action);
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("result", result == null ? "BAD_MODE" : result.name());
        model.addAttribute("done", result == CallControl.Result.DONE);
        model.addAttribute("messageKey", messageKey);
        model.addAttribute("messageArguments", new Object[] {String.valueOf(attemptId), value == null ? "" : value});
        return "dialing/intervention :: result";
    }

    /** The mode named, LISTEN when none is; null when the text names none. */
    static SpyMode mode(String text) {
        if (text == null || text.isBlank()) {
            return SpyMode.LISTEN;
        }
        try {
            return SpyMode.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The audit journal's code of a mode: {@code call.listen}, {@code call.whisper}, {@code call.barge}. */
    static String action(SpyMode mode) {
        return "call." + mode.name().toLowerCase(Locale.ROOT);
    }

    /** The message key saying an action was done: {@code intervention.done.LISTEN} ... {@code .TAKE_OVER}. */
    static String doneKey(String action) {
        return "intervention.done." + action.substring("call.".length()).replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
