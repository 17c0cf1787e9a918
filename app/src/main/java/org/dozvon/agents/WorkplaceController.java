package org.dozvon.agents;

import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The operator workplace (ARM): a page of its own, with none of the portal's navigation. */
@Controller
class WorkplaceController {

    @GetMapping("/arm")
    @RequiresPermission(Permission.WORKPLACE_USE)
    String workplace() {
        return "arm/workplace";
    }
}
