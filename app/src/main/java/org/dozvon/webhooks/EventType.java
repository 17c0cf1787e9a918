package org.dozvon.webhooks;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The events a subscription may ask for, by the names a CRM sees ({@code contact.finished}). */
enum EventType {
    /** A call attempt's outcome is final (after the operator's wrap-up for an answered call). */
    CONTACT_ATTEMPT_COMPLETED("contact.attempt.completed", true),
    /** A contact's strategy in a campaign ended, with its final status. */
    CONTACT_FINISHED("contact.finished", true),
    /** A contact's status in a campaign changed: taken (ACTIVE), postponed, held, finished. */
    CONTACT_STATUS_CHANGED("contact.status.changed", true),
    /** A campaign was started, paused, resumed, stopped or completed. */
    CAMPAIGN_STATE_CHANGED("campaign.state.changed", true),
    /** An import run ended, completed or failed. */
    IMPORT_FINISHED("import.finished", false),
    /** Sent on request from the portal or the API to try a subscription; nobody subscribes to it. */
    TEST("webhook.test", false);

    private final String code;
    private final boolean ofCampaign;

    EventType(String code, boolean ofCampaign) {
        this.code = code;
        this.ofCampaign = ofCampaign;
    }

    /** The name in payloads, headers and subscriptions. */
    public String code() {
        return code;
    }

    /** Whether events of this type belong to a campaign (and may reach a subscription for one campaign). */
    boolean ofCampaign() {
        return ofCampaign;
    }

    /** The types a subscription may list, in the order the portal shows them. */
    static List<EventType> subscribable() {
        return Arrays.stream(values()).filter(type -> type != TEST).toList();
    }

    static Optional<EventType> ofCode(String code) {
        return Arrays.stream(values()).filter(type -> type.code.equals(code)).findFirst();
    }

    /** The message-bundle key of its description. */
    public String messageKey() {
        return "webhooks.event." + code;
    }
}
