package org.dozvon.dialing;

import org.dozvon.campaigns.CallerIds;
import org.dozvon.campaigns.CampaignView;

import org.springframework.stereotype.Component;

/** The caller ID a call shows: a random number of the campaign's caller-ID group; null: the trunk's own. */
@Component
class CallerIdChoice {

    private final CallerIds callerIds;

    CallerIdChoice(CallerIds callerIds) {
        this.callerIds = callerIds;
    }

    String pick(CampaignView campaign) {
        Long group = campaign.settings().callerIdGroupId();
        return group == null ? null : callerIds.pick(group).orElse(null);
    }
}
