package org.dozvon.web;

import org.dozvon.access.Permission;

/**
 * A top-level part of the portal: its address, its name in the message bundles, and the permission
 * that shows it in the navigation and opens it.
 */
public enum Section {
    CAMPAIGNS("/campaigns", Permission.CAMPAIGNS_VIEW),
    CONTACTS("/contacts", Permission.CONTACTS_VIEW),
    STRATEGIES("/strategies", Permission.STRATEGIES_VIEW),
    MONITORING("/monitoring", Permission.MONITORING_VIEW),
    OPERATORS("/operators", Permission.OPERATORS_VIEW),
    REPORTS("/reports", Permission.REPORTS_VIEW),
    AUDIT("/audit", Permission.AUDIT_VIEW),
    SETTINGS("/settings", Permission.SETTINGS_VIEW),
    WORKPLACE("/arm", Permission.WORKPLACE_USE, true),
    PROCESS_ENGINE("/camunda/app/cockpit/default/", Permission.PROCESS_ENGINE, true);

    private final String path;
    private final Permission permission;
    private final boolean tool;

    Section(String path, Permission permission) {
        this(path, permission, false);
    }

    Section(String path, Permission permission, boolean tool) {
        this.path = path;
        this.permission = permission;
        this.tool = tool;
    }

    /** A separate application (the workplace, Cockpit) rather than a part of the portal. */
    public boolean tool() {
        return tool;
    }

    public String path() {
        return path;
    }

    public Permission permission() {
        return permission;
    }

    public String messageKey() {
        return "nav." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
