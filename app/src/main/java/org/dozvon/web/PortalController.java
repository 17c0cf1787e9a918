package org.dozvon.web;

import java.util.Arrays;

import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.database.DatabaseInfo;
import org.dozvon.telephony.TelephonyProperties;

import org.springframework.boot.info.BuildProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The portal's sections. Each capability replaces its placeholder page with its own controller in
 * its module as it is built; until then the section says what will be there.
 */
@Controller
class PortalController {

    private final TelephonyProperties telephony;
    private final DatabaseInfo database;
    private final ObjectProvider<BuildProperties> build;

    PortalController(TelephonyProperties telephony, DatabaseInfo database, ObjectProvider<BuildProperties> build) {
        this.telephony = telephony;
        this.database = database;
        this.build = build;
    }

    /** Home is the first section the user may open; someone with none is told so. */
    @GetMapping("/")
    @PreAuthorize("isAuthenticated()")
    String home(@AuthenticationPrincipal DozvonUser user, Model model, RedirectAttributes redirect) {
        if (model.containsAttribute("notice")) {
            // a notice meant for the page after "/" (say, "password changed") survives this redirect
            redirect.addFlashAttribute("notice", model.getAttribute("notice"));
        }
        return Arrays.stream(Section.values())
                .filter(section -> user.has(section.permission()))
                .findFirst()
                .map(section -> "redirect:" + section.path())
                .orElse("web/no-access");
    }

    @GetMapping("/reports")
    @RequiresPermission(Permission.REPORTS_VIEW)
    String reports(Model model) {
        return section(Section.REPORTS, model);
    }

    @GetMapping("/settings")
    @RequiresPermission(Permission.SETTINGS_VIEW)
    String settings(Model model) {
        model.addAttribute("section", Section.SETTINGS);
        model.addAttribute("telephonyDescription", telephony.describe());
        model.addAttribute("database", database);
        model.addAttribute("build", build.getIfAvailable());
        return "web/settings";
    }

    private static String section(Section section, Model model) {
        model.addAttribute("section", section);
        return "web/section";
    }
}
