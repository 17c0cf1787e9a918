package org.dozvon.access;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class MeController {

    /** Who the caller is and what it may do, so that a CRM can check its service account. */
    @GetMapping("/api/v1/me")
    @PreAuthorize("isAuthenticated()")
    Me me(@AuthenticationPrincipal DozvonUser user) {
        SortedSet<String> permissions = new TreeSet<>();
        user.permissions().forEach(permission -> permissions.add(permission.name()));
        return new Me(user.getUsername(), user.displayName(), new TreeSet<>(user.roles()), permissions,
                user.mustChangePassword());
    }

    record Me(String username, String displayName, Set<String> roles, Set<String> permissions,
              boolean mustChangePassword) {
    }
}
