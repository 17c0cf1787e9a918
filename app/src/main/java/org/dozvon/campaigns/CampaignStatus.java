package org.dozvon.campaigns;

/**
 * Where a campaign is in its life. DRAFT until first started; RUNNING calls; PAUSED keeps its contacts'
 * progress but calls nobody; STOPPED was ended by a person and may be started again; COMPLETED ended by
 * itself (a finite campaign out of contacts, or its stop date passed) and may be started again too.
 */
public enum CampaignStatus {
    DRAFT,
    RUNNING,
    PAUSED,
    STOPPED,
    COMPLETED;

    /** Not running nor paused: the campaign may be deleted and its strategy changed. */
    public boolean idle() {
        return this == DRAFT || this == STOPPED || this == COMPLETED;
    }
}
