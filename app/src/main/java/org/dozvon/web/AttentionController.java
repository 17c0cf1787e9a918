package org.dozvon.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The attention banners alone, for an open page that heard {@link AttentionSource#LIVE_EVENT}. */
@Controller
class AttentionController {

    @GetMapping("/attention")
    @PreAuthorize("isAuthenticated()")
    String banners() {
        return "fragments :: attention";
    }
}
