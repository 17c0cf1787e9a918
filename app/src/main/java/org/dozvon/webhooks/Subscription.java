package org.dozvon.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A subscriber: where to post which events, signed with which secret.
 *
 * @param sealedSecret the signing secret as {@link org.dozvon.channels.SecretBox} sealed it
 * @param campaignId   only this campaign's events; null: every campaign's, and events of no campaign
 */
record Subscription(long id, String name, String url, String sealedSecret, Set<EventType> eventTypes, Long campaignId,
                    boolean active, Instant createdAt, Instant updatedAt) {

    /** Whether an event of this type (and campaign, null for none) goes to this subscription. */
    boolean wants(EventType type, Long eventCampaignId) {
        return active && eventTypes.contains(type) && (campaignId == null || campaignId.equals(eventCampaignId));
    }

    /** The event types' names in the portal's order. */
    public List<String> eventCodes() {
        return EventType.subscribable().stream().filter(eventTypes::contains).map(EventType::code).toList();
    }
}
