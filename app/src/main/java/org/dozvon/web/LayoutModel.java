package org.dozvon.web;

import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.dozvon.access.DozvonUser;
import org.dozvon.database.DatabaseInfo;
import org.dozvon.telephony.TelephonyProperties;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout shows: the navigation the user may use, where they are, and the telephony banner. */
@ControllerAdvice
class LayoutModel {

    private final TelephonyProperties telephony;
    private final DatabaseInfo database;

    LayoutModel(TelephonyProperties telephony, DatabaseInfo database) {
        this.telephony = telephony;
        this.database = database;
    }

    @ModelAttribute("navigation")
    List<Section> navigation(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof DozvonUser user)) {
            return List.of();
        }
        return Arrays.stream(Section.values()).filter(section -> user.has(section.permission())).toList();
    }

    @ModelAttribute("currentUser")
    DozvonUser currentUser(Authentication authentication) {
        return authentication != null && authentication.getPrincipal() instanceof DozvonUser user ? user : null;
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    @ModelAttribute("telephonySimulated")
    boolean telephonySimulated() {
        return telephony.simulated();
    }

    @ModelAttribute("database")
    DatabaseInfo database() {
        return database;
    }
}
