package org.dozvon.dialing;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Asked for a connector that is not there (any more): pages answer 404, the API a 404 problem. */
@ResponseStatus(HttpStatus.NOT_FOUND)
class ConnectorNotFound extends RuntimeException {

    ConnectorNotFound(long id) {
        super("There is no connector " + id);
    }
}
