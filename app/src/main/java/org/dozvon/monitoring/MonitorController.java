package org.dozvon.monitoring;

import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Monitoring → Monitor: operators, campaigns and alerts as they happen. */
@Controller
class MonitorController {

    @GetMapping("/monitoring")
    @RequiresPermission(Permission.MONITORING_VIEW)
    String monitor() {
        return "monitoring/monitor";
    }
}
