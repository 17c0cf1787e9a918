package org.dozvon.strategy;

import java.util.Collection;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How far campaigns have got through the contacts they took (the module's API for reports and dashboards). A
 * contact counts once a running campaign has taken it (its strategy process started); contacts that join the lists
 * later, or that the intake has not reached yet, are not counted until then.
 */
@Service
@Transactional(readOnly = true)
public class CampaignProgress {

    /**
     * One campaign's contacts.
     *
     * @param taken     contacts the campaign has taken
     * @param finished  of those, contacts whose processing has ended (any final status)
     * @param succeeded of the finished ones, those that ended with {@link FinalStatus#SUCCESS}
     */
    public record Contacts(long campaignId, long taken, long finished, long succeeded) {

        /** Taken but not finished: waiting for a window, queued for a dial, or being notified. */
        public long remaining() {
            return taken - finished;
        }
    }

    private final CampaignContacts contacts;

    CampaignProgress(CampaignContacts contacts) {
        this.contacts = contacts;
    }

    /** The campaigns' contacts, by campaign id; a campaign that has taken none is there with zeros. */
    public Map<Long, Contacts> of(Collection<Long> campaignIds) {
        return contacts.progress(campaignIds);
    }
}
