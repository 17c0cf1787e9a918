package org.dozvon.campaigns;

import java.time.Instant;
import java.time.ZoneId;

import org.dozvon.contacts.ContactSelection;

/**
 * A campaign as other modules read it: its status, its revision and its settings.
 *
 * @param revision        1 when created, one more with every edit of the settings (not with status changes):
 *                        a component holding a copy compares revisions to notice edits
 * @param statusChangedAt when the status last changed (creation for a DRAFT)
 * @param startedAt       when it was last started (a resume is no start); null: never, or not known (paused before
 *                        start times were kept)
 */
public record CampaignView(long id, CampaignStatus status, long revision, CampaignSettings settings,
                           Instant createdAt, Instant updatedAt, Instant statusChangedAt, Instant startedAt) {

    /** A campaign whose start time is not known. */
    public CampaignView(long id, CampaignStatus status, long revision, CampaignSettings settings, Instant createdAt,
                        Instant updatedAt, Instant statusChangedAt) {
        this(id, status, revision, settings, createdAt, updatedAt, statusChangedAt, null);
    }

    public String name() {
        return settings.name();
    }

    public ZoneId zone() {
        return settings.zone();
    }

    public ContactSelection selection() {
        return settings.selection();
    }

    public CallingHours callingHours() {
        return settings.hours();
    }

    public CampaignLimits limits() {
        return settings.limits();
    }
}
