package org.dozvon.agents;

/** No operator has this id. */
public class OperatorNotFound extends RuntimeException {

    public OperatorNotFound(long id) {
        super("operator " + id + " does not exist");
    }
}
