package org.dozvon.campaigns;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** There is no campaign with this id (any more): pages answer 404, the API a 404 problem. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class CampaignNotFoundException extends RuntimeException {

    public CampaignNotFoundException(long id) {
        super("There is no campaign " + id);
    }
}
