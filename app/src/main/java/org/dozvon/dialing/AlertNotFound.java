package org.dozvon.dialing;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Asked for an alert that is not there: pages answer 404, the API a 404 problem. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class AlertNotFound extends RuntimeException {

    public AlertNotFound(long id) {
        super("There is no alert " + id);
    }
}
