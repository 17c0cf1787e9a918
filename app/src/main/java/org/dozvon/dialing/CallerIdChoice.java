package org.dozvon.dialing;

import org.dozvon.campaigns.CampaignView;

import org.springframework.stereotype.Component;

/** The caller ID a call shows: a random number of the campaign's caller-ID group; null: the trunk's own. */
@Component
class CallerIdChoice {

    String pick(CampaignView campaign) {
        return null;
    }
}
