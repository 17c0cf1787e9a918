package org.dozvon.agents;

/** No operator has this id. */
@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
public class OperatorNotFound extends RuntimeException {

    public OperatorNotFound(long id) {
        super("operator " + id + " does not exist");
    }
}
