package org.dozvon.access;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings → Users → a user → Unlock: lifts a lock after too many wrong passwords. */
@Controller
@RequiresPermission(Permission.USERS_MANAGE)
class LoginLockoutController {

    private final UserAdministration administration;
    private final LoginLockout lockout;
    private final UserSessions sessions;

    LoginLockoutController(UserAdministration administration, LoginLockout lockout, UserSessions sessions) {
        this.administration = administration;
        this.lockout = lockout;
        this.sessions = sessions;
    }

    /** Settings → Users → a user → End sessions: the user is logged out of every browser at once. */
    @PostMapping("/settings/users/{id}/sessions/end")
    String endSessions(@PathVariable long id, @AuthenticationPrincipal DozvonUser actor, RedirectAttributes redirect) {
        UserAccount account = administration.get(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        int ended = sessions.endAll(account.username());
        lockout.auditSessionsEnded(actor, id, account.username(), ended);
        redirect.addFlashAttribute("notice", "users.sessionsEnded");
        return "redirect:/settings/users/" + id;
    }

    @PostMapping("/settings/users/{id}/unlock")
    String unlock(@PathVariable long id, @AuthenticationPrincipal DozvonUser actor, RedirectAttributes redirect) {
        administration.get(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        lockout.unlock(actor, id);
        redirect.addFlashAttribute("notice", "users.unlocked");
        return "redirect:/settings/users/" + id;
    }
}
