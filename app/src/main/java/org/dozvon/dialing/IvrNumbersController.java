package org.dozvon.dialing;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

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

/** Operators → IVR numbers: the list operators transfer customers to (manual 18.3), kept by supervisors. */
@Controller
class IvrNumbersController {

    private final IvrNumbers numbers;

    IvrNumbersController(IvrNumbers numbers) {
        this.numbers = numbers;
    }

    @GetMapping("/operators/ivr-numbers")
    @RequiresPermission(Permission.OPERATORS_VIEW)
    String list(@AuthenticationPrincipal DozvonUser user, Model model) {
        model.addAttribute("canManage", user != null && user.has(Permission.OPERATORS_MANAGE));
        model.addAttribute("numbers", numbers.all());
        if (!model.containsAttribute("violations")) {
            model.addAttribute("violations", List.of());
        }
        return "dialing/ivr-numbers";
    }

    @PostMapping("/operators/ivr-numbers")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    String save(@RequestParam(required = false) Long id, @RequestParam(required = false) String code,
                @RequestParam(required = false) String name, @RequestParam(required = false) String context,
                @RequestParam(required = false) String extension, @RequestParam(required = false) String description,
                @AuthenticationPrincipal DozvonUser user, Model model, RedirectAttributes redirect,
                HttpServletResponse response) {
        IvrNumbers.Saved saved = numbers.save(id, new IvrNumbers.Draft(code, name, context, extension, description));
        if (!saved.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("violations", saved.violations());
            return list(user, model);
        }
        redirect.addFlashAttribute("notice", "ivrNumbers.saved");
        return "redirect:/operators/ivr-numbers";
    }

    @PostMapping("/operators/ivr-numbers/{id}/delete")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        numbers.delete(id);
        redirect.addFlashAttribute("notice", "ivrNumbers.deleted");
        return "redirect:/operators/ivr-numbers";
    }
}
