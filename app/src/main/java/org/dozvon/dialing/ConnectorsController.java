package org.dozvon.dialing;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

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

/** Settings → Connectors: the PBX routes, their capacities, the selection order, the calls on each now. */
@Controller
@RequestMapping("/settings/connectors")
class ConnectorsController {

    private final Connectors connectors;

    ConnectorsController(Connectors connectors) {
        this.connectors = connectors;
    }

    @GetMapping
    @RequiresPermission(Permission.TELEPHONY_MANAGE)
    String list(Model model) {
        model.addAttribute("connectors", connectors.all());
        model.addAttribute("busy", connectors.busy());
        model.addAttribute("selection", connectors.selection());
        model.addAttribute("selections", ConnectorSelection.values());
        if (!model.containsAttribute("violations")) {
            model.addAttribute("violations", List.of());
        }
        return "dialing/connectors";
    }

    @PostMapping
    @RequiresPermission(Permission.TELEPHONY_MANAGE)
    String create(@RequestParam(required = false) String name, @RequestParam(required = false) Integer position,
                  @RequestParam(required = false) Integer capacity, @RequestParam(required = false) String trunk,
                  @RequestParam(defaultValue = "false") boolean active, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        return saved(connectors.save(null, name, position, capacity, trunk, active), model, redirect, response);
    }

    @PostMapping("/{id}")
    @RequiresPermission(Permission.TELEPHONY_MANAGE)
    String update(@PathVariable long id, @RequestParam(required = false) String name,
                  @RequestParam(required = false) Integer position, @RequestParam(required = false) Integer capacity,
                  @RequestParam(required = false) String trunk, @RequestParam(defaultValue = "false") boolean active,
                  Model model, RedirectAttributes redirect, HttpServletResponse response) {
        model.addAttribute("editedId", id);
        return saved(connectors.save(id, name, position, capacity, trunk, active), model, redirect, response);
    }

    private String saved(Connectors.Result result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        if (!result.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("violations", result.violations());
            return list(model);
        }
        redirect.addFlashAttribute("notice", "connectors.saved");
        return "redirect:/settings/connectors";
    }

    @PostMapping("/{id}/delete")
    @RequiresPermission(Permission.TELEPHONY_MANAGE)
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        connectors.delete(id);
        redirect.addFlashAttribute("notice", "connectors.deleted");
        return "redirect:/settings/connectors";
    }

    @PostMapping("/selection")
    @RequiresPermission(Permission.TELEPHONY_MANAGE)
    String selection(@RequestParam ConnectorSelection selection, RedirectAttributes redirect) {
        connectors.selection(selection);
        redirect.addFlashAttribute("notice", "connectors.saved");
        return "redirect:/settings/connectors";
    }
}
