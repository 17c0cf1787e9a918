package org.dozvon.access;

/**
 * What a user may do, one name per page or action. Roles are sets of permissions kept in the
 * database; a permission is granted to a user as a Spring Security authority of the same name,
 * and pages and endpoints check it with {@link RequiresPermission}.
 *
 * <p>A new capability adds its permission here and grants it to the preset roles in a migration.
 */
public enum Permission {
    CAMPAIGNS_VIEW,
    /** Create, change and delete campaigns and their reference data (completion codes, code groups, calendars,
     * callbacks); start, pause, resume and stop campaigns. */
    CAMPAIGNS_MANAGE,
    CONTACTS_VIEW,
    /** Create, change and delete contact lists, fields, contacts, DNC entries and reference data. */
    CONTACTS_MANAGE,
    /** Upload files and run imports, manage scheduled import sources. */
    IMPORTS_RUN,
    STRATEGIES_VIEW,
    /** Upload new versions of strategy processes (BPMN) and decision tables (DMN); migrate running contacts
     * from one version of a strategy to another. */
    STRATEGIES_MANAGE,
    MONITORING_VIEW,
    /** Listen, whisper and barge into operators' calls through the PBX, and take calls over to one's own phone. */
    CALLS_INTERVENE,
    OPERATORS_VIEW,
    /** Operators and skills: create, change and delete them, log operators in and out, set their states. */
    OPERATORS_MANAGE,
    REPORTS_VIEW,
    SETTINGS_VIEW,
    /** Settings, Users: create local users, give roles, reset passwords, disable accounts. */
    USERS_MANAGE,
    AUDIT_VIEW,
    /** Settings, Mail and SMS gateway: the SMTP server and the SMS gateway Dozvon sends through, and their test sends. */
    CHANNELS_MANAGE,
    /** Settings, Notification templates and Sent messages: write SMS, e-mail and web-request templates, read the journal. */
    NOTIFICATIONS_MANAGE,
    /** Settings, Connectors: the PBX routes Dozvon dials through, their capacity and selection order. */
    TELEPHONY_MANAGE,
    /** Settings, Webhooks: the addresses Dozvon posts its events to, their secrets, the delivery log and redelivery. */
    WEBHOOKS_MANAGE,
    /** The operator workplace (ARM). */
    WORKPLACE_USE,
    /** Camunda Cockpit and the engine's REST API. */
    PROCESS_ENGINE,
    /** Actuator endpoints beyond health and info, Prometheus included. */
    METRICS_READ,
    /** Settings, API tokens and {@code /api/v1/api-tokens}: create the bearer tokens CRMs call the API with, each
     * granting some of its creator's permissions, and revoke them. */
    API_TOKENS_MANAGE;

    /** The message-bundle key of this permission's human name. */
    public String messageKey() {
        return "permission." + name();
    }
}
