package org.dozvon.campaigns;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Asked for a completion code, code group, calendar or callback that is not there (any more): pages
 * answer 404, the API a 404 problem. Thrown by the public API too.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class ReferenceNotFound extends RuntimeException {

    public ReferenceNotFound(String what) {
        super("There is no " + what);
    }
}
