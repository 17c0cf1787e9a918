package org.dozvon.contacts.numbering;

/** A file that cannot be imported at all (no recognisable header, nothing in it), with the message to show. */
class PlanFileException extends Exception {

    private final String messageKey;
    private final transient Object[] arguments;

    PlanFileException(String messageKey, Object... arguments) {
        super(messageKey);
        this.messageKey = messageKey;
        this.arguments = arguments;
    }

    String messageKey() {
        return messageKey;
    }

    Object[] arguments() {
        return arguments;
    }
}
