package org.dozvon.crm;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Asked for something that is not there (any more): pages answer 404, the API a 404 problem. */
@ResponseStatus(HttpStatus.NOT_FOUND)
class NotFound extends RuntimeException {

    NotFound(String what) {
        super("There is no " + what);
    }
}
