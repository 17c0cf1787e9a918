package org.dozvon.webhooks;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Asked for a subscription or a delivery that is not there (any more): pages answer 404, the API a 404 problem. */
@ResponseStatus(HttpStatus.NOT_FOUND)
class WebhookNotFound extends RuntimeException {

    WebhookNotFound(String what) {
        super("There is no " + what);
    }
}
